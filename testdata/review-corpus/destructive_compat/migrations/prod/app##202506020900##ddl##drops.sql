SET lock_timeout = '2s';
DROP TABLE public.sessions_del; -- expect: table.drop; expect-not: table.drop-naming-convention
DROP TABLE IF EXISTS public.audit_log; -- expect: table.drop, table.drop-naming-convention
CREATE TABLE public.tmp_import (id bigint PRIMARY KEY);
DROP TABLE public.tmp_import; -- expect-not: table.drop
TRUNCATE public.user_notes; -- expect: table.truncate; expect-not: statement.cascade
