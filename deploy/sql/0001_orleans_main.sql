-- The Orleans ADO.NET providers (clustering, grain persistence, reminders) look up every SQL statement they issue in
-- this table by key, so the statements below can be tuned without rebuilding the silo, provided each keeps the
-- parameter names (@Name) and result column names its provider expects.
-- The table name and its two columns are fixed by Orleans ("SELECT QueryKey, QueryText FROM OrleansQuery").
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT pk_orleans_query PRIMARY KEY (QueryKey)
);
