/* Blog schema; written by hand.
   /* a nested block comment; PostgreSQL block comments nest */
   CREATE INDEX not_a_statement ON nowhere (x);
*/
CREATE TABLE public.articles (id bigint PRIMARY KEY, title text NOT NULL, body text NOT NULL DEFAULT ''); -- a comment; with; semicolons; expect-not: index.require-concurrently
-- a line comment; DROP TABLE public.articles;
CREATE TABLE public.tags (id bigint PRIMARY KEY, name text NOT NULL); CREATE INDEX tags_name_idx ON public.tags (name); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
COMMENT ON TABLE public.articles IS 'Articles -- not a comment; really /* nor this */';
CREATE TABLE public.article_tags (article_id bigint NOT NULL, tag_id bigint NOT NULL, PRIMARY KEY (article_id, tag_id));
