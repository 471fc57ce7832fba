-- A forum still running PostgreSQL 10 (review-flags: --pg-version 10).
CREATE TABLE users (
    id serial PRIMARY KEY,
    username character varying(60) NOT NULL,
    trust_level integer NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE TABLE topics (
    id serial PRIMARY KEY,
    title character varying NOT NULL,
    user_id integer,
    archetype character varying DEFAULT 'regular'::character varying NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE TABLE posts (
    id serial PRIMARY KEY,
    topic_id integer NOT NULL,
    user_id integer,
    raw text NOT NULL,
    cooked text NOT NULL,
    image_url character varying,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE INDEX index_posts_on_topic_id ON posts USING btree (topic_id); -- expect-not: index.require-concurrently
CREATE TYPE notification_level AS ENUM ('muted', 'regular', 'watching');
CREATE TABLE post_stats (
    post_id integer NOT NULL,
    day date NOT NULL,
    views integer DEFAULT 0 NOT NULL
) PARTITION BY RANGE (day);
CREATE TABLE post_stats_2018 PARTITION OF post_stats FOR VALUES FROM ('2018-01-01') TO ('2019-01-01');
ALTER TABLE posts ADD CONSTRAINT posts_raw_present CHECK (raw <> ''); -- expect-not: constraint.check-require-not-valid
ALTER TABLE topics ADD CONSTRAINT topics_user_id_present CHECK (user_id IS NOT NULL AND title <> ''); -- expect-not: constraint.check-require-not-valid
