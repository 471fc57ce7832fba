SET lock_timeout = '5s';
-- Adding a check constraint scans under ACCESS EXCLUSIVE.
ALTER TABLE users ADD CONSTRAINT users_score_nonneg CHECK (score >= 0); -- expect: constraint.check-require-not-valid
ALTER TABLE users ADD CONSTRAINT users_name_present CHECK (name <> '') NOT VALID; -- expect-not: constraint.check-require-not-valid
-- Adding a foreign key blocks writes on both tables.
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES users (id); -- expect: constraint.fk-require-not-valid
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk2 FOREIGN KEY (customer_id) REFERENCES users (id) NOT VALID; -- expect-not: constraint.fk-require-not-valid
-- Adding a unique constraint builds its index under ACCESS EXCLUSIVE.
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- expect: constraint.unique-require-index
-- Adding an exclusion constraint: no online way.
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&); -- expect: constraint.exclusion
