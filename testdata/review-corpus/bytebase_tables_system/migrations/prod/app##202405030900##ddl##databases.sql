CREATE DATABASE reporting ENCODING 'UTF8' TEMPLATE template0; -- expect-not: system.charset.allowlist, system.collation.allowlist
CREATE DATABASE archive WITH ENCODING = 'utf-8' TEMPLATE = template0; -- expect-not: system.charset.allowlist
CREATE DATABASE legacy -- expect: system.charset.allowlist
  ENCODING 'LATIN1'
  TEMPLATE template0;
CREATE DATABASE analytics; -- expect-not: system.charset.allowlist, system.collation.allowlist
CREATE DATABASE sorted LC_COLLATE 'de_DE.UTF-8' LC_CTYPE 'de_DE.UTF-8' TEMPLATE template0; -- expect: system.collation.allowlist; expect-not: system.charset.allowlist
