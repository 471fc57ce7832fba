-- A database still on PostgreSQL 10 (review-flags: --pg-version 10).
CREATE TABLE core_recipe (
    id bigserial PRIMARY KEY,
    title text,
    servings integer
);
CREATE TABLE app_user (id bigserial PRIMARY KEY, email text);
CREATE TABLE app_email (id bigserial PRIMARY KEY, user_id bigint, address text);
CREATE TABLE cities (id bigserial PRIMARY KEY, name text);
CREATE TYPE recipe_state AS ENUM ('draft', 'published');
