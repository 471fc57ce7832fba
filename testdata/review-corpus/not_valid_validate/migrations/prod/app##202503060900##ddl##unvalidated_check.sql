SET lock_timeout = '2s';
ALTER TABLE public.subscriptions ADD CONSTRAINT subscriptions_account_not_null CHECK (account_id IS NOT NULL) NOT VALID;
-- The CHECK is not validated: SET NOT NULL still scans the table.
ALTER TABLE public.subscriptions ALTER COLUMN account_id SET NOT NULL; -- expect: column.set-not-null
