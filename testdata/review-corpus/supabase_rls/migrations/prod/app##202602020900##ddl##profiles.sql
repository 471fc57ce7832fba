-- supabase migration new create_profiles
create table public.profiles ( -- expect: transaction.require-lock-timeout; expect-not: constraint.fk-require-not-valid, index.require-concurrently
  id uuid not null references auth.users on delete cascade,
  username text unique,
  avatar_url text,
  updated_at timestamp with time zone,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.profiles enable row level security; -- expect-not: transaction.require-lock-timeout
create policy "Public profiles are viewable by everyone." on public.profiles for select using (true); -- expect-not: transaction.require-lock-timeout
create policy "Users can insert their own profile." on public.profiles for insert with check ((select auth.uid()) = id); -- expect-not: transaction.require-lock-timeout
grant select on public.profiles to anon, authenticated; -- expect-not: transaction.require-lock-timeout
-- The function body sets its own search_path; the session's stays public.
create or replace function public.handle_new_user() -- expect-not: transaction.require-lock-timeout, statement.dynamic-sql
returns trigger
language plpgsql
security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, username, avatar_url)
  values (new.id, new.raw_user_meta_data->>'username', new.raw_user_meta_data->>'avatar_url');
  return new;
end;
$$;
create trigger on_auth_user_created -- expect: transaction.require-lock-timeout
  after insert on auth.users
  for each row execute procedure public.handle_new_user();
create index profiles_username_idx on profiles (username); -- expect-not: index.require-concurrently
insert into storage.buckets (id, name) values ('avatars', 'avatars'); -- expect-not: transaction.require-lock-timeout
create policy "Avatar images are publicly accessible." on storage.objects for select using (bucket_id = 'avatars'); -- expect: transaction.require-lock-timeout
