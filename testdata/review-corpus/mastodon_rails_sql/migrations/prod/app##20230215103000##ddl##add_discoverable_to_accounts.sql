-- class AddDiscoverableToAccounts < ActiveRecord::Migration[6.1]
--   add_column :accounts, :discoverable, :boolean, default: false, null: false
SET lock_timeout = '5s';
ALTER TABLE "accounts" ADD "discoverable" boolean DEFAULT FALSE NOT NULL; -- expect-not: column.add-volatile-default, column.add-required, transaction.require-lock-timeout
ALTER TABLE "accounts" ADD "fields" jsonb; -- expect-not: column.add-volatile-default, column.prefer-jsonb, column.add-required
ALTER TABLE "statuses" ADD "edited_at" timestamp; -- expect: column.prefer-timestamptz; expect-not: column.add-volatile-default
ALTER TABLE "statuses" ADD "ordered_media_attachment_ids" bigint[]; -- expect-not: column.add-volatile-default, column.add-required
