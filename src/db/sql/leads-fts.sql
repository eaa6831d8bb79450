-- Full-text search over leads: derived from the leads table and rebuildable at any time
-- (`npm run db:rebuild-fts`). An external-content FTS5 table (it stores no copy of the text),
-- kept in sync by triggers; a rebuild drops and recreates it from `leads`.
DROP TRIGGER IF EXISTS leads_fts_ai;
DROP TRIGGER IF EXISTS leads_fts_ad;
DROP TRIGGER IF EXISTS leads_fts_au;
DROP TABLE IF EXISTS leads_fts;
CREATE VIRTUAL TABLE leads_fts USING fts5(
  full_name, title, company, email, company_domain,
  content = 'leads', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER leads_fts_ai AFTER INSERT ON leads BEGIN
  INSERT INTO leads_fts (rowid, full_name, title, company, email, company_domain)
  VALUES (new.rowid, new.full_name, new.title, new.company, new.email, new.company_domain);
END;
CREATE TRIGGER leads_fts_ad AFTER DELETE ON leads BEGIN
  INSERT INTO leads_fts (leads_fts, rowid, full_name, title, company, email, company_domain)
  VALUES ('delete', old.rowid, old.full_name, old.title, old.company, old.email, old.company_domain);
END;
CREATE TRIGGER leads_fts_au AFTER UPDATE OF full_name, title, company, email, company_domain ON leads BEGIN
  INSERT INTO leads_fts (leads_fts, rowid, full_name, title, company, email, company_domain)
  VALUES ('delete', old.rowid, old.full_name, old.title, old.company, old.email, old.company_domain);
  INSERT INTO leads_fts (rowid, full_name, title, company, email, company_domain)
  VALUES (new.rowid, new.full_name, new.title, new.company, new.email, new.company_domain);
END;
INSERT INTO leads_fts (leads_fts) VALUES ('rebuild');
