CREATE EXTENSION IF NOT EXISTS postgis; -- expect-not: transaction.require-lock-timeout, syntax.parse-error
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE public.places (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  email citext,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX places_geom_idx ON public.places USING gist (geom); -- expect-not: index.require-concurrently
CREATE TABLE public.regions (id bigint PRIMARY KEY, boundary geometry(MultiPolygon, 4326) NOT NULL);
