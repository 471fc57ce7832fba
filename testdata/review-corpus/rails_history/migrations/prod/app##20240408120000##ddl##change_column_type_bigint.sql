-- change_column :post_comments, :post_id, :integer (a shrink: bigint to integer rewrites)
ALTER TABLE "post_comments" ALTER COLUMN "post_id" TYPE integer; -- expect: column.change-type, transaction.require-lock-timeout
