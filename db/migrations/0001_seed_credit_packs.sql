INSERT INTO "credit_packs" ("id", "name", "credits", "price", "currency") VALUES
  ('credits-100', '100 크레딧', 100, 1000, 'KRW'),
  ('credits-550', '550 크레딧', 550, 5000, 'KRW'),
  ('credits-1200', '1,200 크레딧', 1200, 10000, 'KRW');
