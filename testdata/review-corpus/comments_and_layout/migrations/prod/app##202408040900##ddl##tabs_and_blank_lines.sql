


	-- indented comment after blank lines

		CREATE	INDEX	labels_label_idx	ON	public.labels	(label);	-- expect: index.require-concurrently
ALTER TABLE public.articles ALTER COLUMN title DROP NOT NULL;ALTER TABLE public.articles DROP COLUMN views; -- expect: column.drop-not-null, column.drop
