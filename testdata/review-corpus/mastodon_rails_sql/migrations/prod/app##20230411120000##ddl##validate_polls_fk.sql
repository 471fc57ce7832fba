SET lock_timeout = '10s';
ALTER TABLE "statuses" VALIDATE CONSTRAINT "fk_rails_3e0d9f1115"; -- expect-not: constraint.validate-same-transaction, constraint.fk-require-not-valid, transaction.require-lock-timeout
ALTER TABLE "polls" ADD CONSTRAINT "fk_rails_polls_account" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE; -- expect: constraint.fk-require-not-valid
