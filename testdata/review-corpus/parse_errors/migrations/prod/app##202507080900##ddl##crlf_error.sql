SELECT 1;
CREATE TABLE public.crlf_broken (
  id bigint PRIMARY KEY,
  , name text -- expect: syntax.parse-error
);
