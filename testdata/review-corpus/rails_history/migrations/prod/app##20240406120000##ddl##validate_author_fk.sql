ALTER TABLE "comments" VALIDATE CONSTRAINT "fk_rails_author"; -- expect-not: constraint.validate-same-transaction, transaction.require-lock-timeout, constraint.fk-require-not-valid
