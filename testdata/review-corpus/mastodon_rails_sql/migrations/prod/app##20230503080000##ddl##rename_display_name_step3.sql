SET lock_timeout = '5s';
ALTER TABLE "accounts" DROP COLUMN "display_name"; -- expect: column.drop; expect-not: transaction.require-lock-timeout
ALTER TABLE "statuses" ALTER COLUMN "uri" TYPE character varying(512); -- expect: column.change-type
ALTER TABLE "statuses" ALTER COLUMN "text" TYPE character varying; -- expect-not: column.change-type
ALTER TABLE "accounts" ALTER COLUMN "domain" TYPE text; -- expect-not: column.change-type
