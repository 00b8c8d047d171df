-- Languages (issue: French users still read English): why a source's last poll failed, as a
-- code and its parameters (JSON {code, params}), which the health line says in the reader's
-- language. `last_error` keeps the English sentence for the report and for rows written
-- before this column, which have no code and keep showing their stored sentence.
ALTER TABLE sources ADD COLUMN health_problem TEXT;
