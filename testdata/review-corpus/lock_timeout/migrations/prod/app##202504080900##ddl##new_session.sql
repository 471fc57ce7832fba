-- Each file is a new psql session: the previous files' SET lock_timeout does not carry over.
ALTER TABLE public.sessions ADD COLUMN s9 text; -- expect: transaction.require-lock-timeout
