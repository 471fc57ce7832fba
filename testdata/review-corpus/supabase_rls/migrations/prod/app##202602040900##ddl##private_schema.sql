create schema if not exists private;
create table private.secrets (id bigint generated always as identity primary key, owner_id uuid not null, value text not null);
create index secrets_owner_idx on private.secrets (owner_id); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
alter table private.secrets enable row level security; -- expect-not: transaction.require-lock-timeout
create or replace function private.is_owner(row_owner uuid) returns boolean -- expect-not: transaction.require-lock-timeout
language sql stable security definer set search_path = private, pg_temp
as $$ select row_owner = auth.uid() $$;
-- search_path is still "$user", public: profiles is public.profiles, an existing table.
alter table profiles add constraint profiles_username_not_empty check (username <> '') not valid; -- expect: transaction.require-lock-timeout; expect-not: constraint.check-require-not-valid
set search_path = private, public;
create index secrets_value_idx on secrets (value); -- expect-not: index.require-concurrently
create index profiles_avatar_idx on profiles (avatar_url); -- expect: index.require-concurrently
