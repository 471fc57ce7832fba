SET lock_timeout = '2s';
-- renaming-column / renaming-table.
ALTER TABLE customers RENAME COLUMN full_name TO display_name; -- expect: column.rename
ALTER TABLE customers RENAME TO clients; -- expect: table.rename
-- Renames of objects created in the same file are harmless.
CREATE TABLE tmp_import (id bigint PRIMARY KEY, val text);
ALTER TABLE tmp_import RENAME COLUMN val TO value; -- expect-not: column.rename
ALTER TABLE tmp_import RENAME TO tmp_import_done; -- expect-not: table.rename
