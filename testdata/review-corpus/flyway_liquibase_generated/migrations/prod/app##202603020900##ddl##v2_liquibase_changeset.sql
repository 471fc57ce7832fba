-- liquibase formatted sql
-- changeset dev:2
SET lock_timeout = '5s';
ALTER TABLE public.person ADD address VARCHAR(255); -- expect-not: column.add-required, column.add-volatile-default
ALTER TABLE public.person ADD CONSTRAINT fk_person_customer FOREIGN KEY (age) REFERENCES "APP"."CUSTOMER" ("ID") ON UPDATE NO ACTION ON DELETE NO ACTION; -- expect: constraint.fk-require-not-valid
UPDATE public.person SET first_name = 'unknown' WHERE first_name IS NULL; -- expect-not: statement.update-delete-without-where
ALTER TABLE public.person ALTER COLUMN  first_name SET NOT NULL; -- expect: column.set-not-null
ALTER TABLE public.person ALTER COLUMN age TYPE BIGINT USING (age::BIGINT); -- expect: column.change-type
CREATE UNIQUE INDEX idx_person_first_name ON public.person(first_name); -- expect: index.require-concurrently
ALTER TABLE public.person RENAME COLUMN first_name TO given_name; -- expect: column.rename
-- rollback ALTER TABLE public.person RENAME COLUMN given_name TO first_name;
