CREATE TABLE public.profiles (
  id bigint PRIMARY KEY,
  handle varchar(20) NOT NULL,
  bio varchar(200),
  score numeric(10,2) NOT NULL DEFAULT 0,
  legacy_id integer,
  born_on timestamp,
  notes text,
  code varchar(8)
);
