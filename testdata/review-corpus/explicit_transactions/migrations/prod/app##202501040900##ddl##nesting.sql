COMMIT; -- expect: transaction.nesting
START TRANSACTION ISOLATION LEVEL SERIALIZABLE; -- expect-not: transaction.nesting, transaction.unclosed
BEGIN; -- expect: transaction.nesting
UPDATE public.jobs SET queue = 'low' WHERE priority < 0; -- expect-not: statement.update-delete-without-where
END; -- expect-not: transaction.nesting
ROLLBACK; -- expect: transaction.nesting
BEGIN WORK; -- expect-not: transaction.nesting, transaction.unclosed
SAVEPOINT before_delete; -- expect-not: transaction.nesting
DELETE FROM public.jobs WHERE attempts > 10;
ROLLBACK TO SAVEPOINT before_delete; -- expect-not: transaction.nesting
RELEASE SAVEPOINT before_delete; -- expect-not: transaction.nesting
COMMIT WORK; -- expect-not: transaction.nesting
