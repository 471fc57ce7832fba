SET lock_timeout = '2s';
ALTER TABLE public.places ADD COLUMN location geography(Point, 4326); -- expect-not: column.add-volatile-default, column.add-required, column.change-type
CREATE INDEX CONCURRENTLY places_location_idx ON public.places USING gist (location); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
CREATE INDEX places_name_trgm_idx ON public.places USING gin (name gin_trgm_ops); -- expect: index.require-concurrently
CREATE INDEX CONCURRENTLY places_lower_name_idx ON public.places (lower(name)) WHERE email IS NOT NULL; -- expect-not: index.require-concurrently
ALTER TABLE public.places ADD COLUMN geom_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED; -- expect: column.add-generated-stored
ALTER TABLE public.places ADD CONSTRAINT places_geom_srid CHECK (ST_SRID(geom) = 4326); -- expect: constraint.check-require-not-valid
ALTER TABLE public.places ADD CONSTRAINT places_geom_valid CHECK (ST_IsValid(geom)) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE public.regions ALTER COLUMN boundary TYPE geometry(MultiPolygon, 3857) USING ST_Transform(boundary, 3857); -- expect: column.change-type
ALTER EXTENSION postgis UPDATE; -- expect-not: transaction.require-lock-timeout, column.change-type
