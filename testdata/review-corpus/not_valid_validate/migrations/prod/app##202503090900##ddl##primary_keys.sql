SET lock_timeout = '2s';
CREATE UNIQUE INDEX CONCURRENTLY vouchers_code_key ON public.vouchers (code); -- expect-not: index.require-concurrently
-- vouchers.code became NOT NULL in an earlier file.
ALTER TABLE public.vouchers ADD CONSTRAINT vouchers_pkey PRIMARY KEY USING INDEX vouchers_code_key; -- expect-not: constraint.primary-key-require-index
CREATE UNIQUE INDEX CONCURRENTLY plans_code_key ON public.plans (code);
-- plans.code is nullable: USING INDEX still needs a SET NOT NULL scan.
ALTER TABLE public.plans ADD CONSTRAINT plans_pkey PRIMARY KEY USING INDEX plans_code_key; -- expect: constraint.primary-key-require-index
ALTER TABLE public.audit_events ADD PRIMARY KEY (id); -- expect: constraint.primary-key-require-index
ALTER TABLE public.bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&); -- expect: constraint.exclusion
