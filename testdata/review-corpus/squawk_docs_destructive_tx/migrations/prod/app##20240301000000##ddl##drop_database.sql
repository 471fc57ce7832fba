-- ban-drop-database.
DROP DATABASE analytics_old; -- expect: database.drop
DROP DATABASE IF EXISTS "staging_copy"; -- expect: database.drop
