-- A parked record's cause is stored without the values its exception's message quoted (ScrubbedCause, ADR 0043): a
-- message could quote a person's e-mail address or name, and this table is kept until a replay, out of erasure's
-- reach. Causes stored before keep their exception's type alone.
UPDATE dead_letters
SET cause = COALESCE(substring(cause FROM '^[A-Za-z0-9_$.]+'), 'Exception')
                || ': stored before causes were kept without values';
