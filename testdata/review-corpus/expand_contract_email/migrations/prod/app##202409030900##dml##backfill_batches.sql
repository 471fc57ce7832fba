-- Backfill, one committed batch per statement (psql autocommit).
UPDATE public.users SET email_normalized = lower(btrim(email)) -- expect-not: statement.update-delete-without-where, transaction.statement-after-access-exclusive
 WHERE id BETWEEN 1 AND 100000 AND email_normalized IS NULL;
SELECT pg_sleep(0.5); -- expect-not: transaction.statement-after-access-exclusive
UPDATE public.users SET email_normalized = lower(btrim(email))
 WHERE id BETWEEN 100001 AND 200000 AND email_normalized IS NULL; -- expect-not: statement.update-delete-without-where
UPDATE public.orders o SET user_uuid = u.uuid FROM public.users u WHERE u.id = o.user_id AND o.user_uuid IS NULL; -- expect-not: statement.update-delete-without-where
DO $$ -- expect: statement.dynamic-sql
DECLARE n bigint;
BEGIN
  LOOP
    UPDATE public.users SET email_normalized = lower(btrim(email))
     WHERE id IN (SELECT id FROM public.users WHERE email_normalized IS NULL LIMIT 5000);
    GET DIAGNOSTICS n = ROW_COUNT;
    EXIT WHEN n = 0;
    COMMIT;
  END LOOP;
END
$$;
