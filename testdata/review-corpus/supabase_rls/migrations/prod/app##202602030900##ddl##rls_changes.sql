set lock_timeout = '3s';
-- profiles exists since the previous migration.
alter policy "Public profiles are viewable by everyone." on public.profiles using (auth.role() = 'authenticated'); -- expect-not: transaction.require-lock-timeout
reset lock_timeout;
drop policy if exists "Users can insert their own profile." on public.profiles; -- expect: transaction.require-lock-timeout; expect-not: table.drop
alter table public.profiles force row level security; -- expect: transaction.require-lock-timeout
revoke all on table public.profiles from anon; -- expect-not: transaction.require-lock-timeout
alter default privileges in schema public grant select on tables to authenticated; -- expect-not: transaction.require-lock-timeout
create index profiles_updated_at_idx on public.profiles (updated_at); -- expect: index.require-concurrently
alter table public.profiles add column website text; -- expect: transaction.require-lock-timeout; expect-not: column.add-required
comment on column public.profiles.website is 'Public web site'; -- expect-not: transaction.require-lock-timeout
