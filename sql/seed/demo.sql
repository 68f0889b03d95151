-- Demo data for scripts/up: a few users whose balances come from ledger lines, and a small catalog.
-- The users sign in with the passwords the README gives ('<name>-demo-pass'); only their Argon2id hashes are
-- here (libsodium's crypto_pwhash_str, 19 MiB, 2 passes, as the shop makes them).
WITH new_users (name, balance, password_hash) AS (
    VALUES ('kim', 500000::bigint,
            '$argon2id$v=19$m=19456,t=2,p=1$ZIKag64q2pR6QIVHB3BtNA$4w0I8F/EsIrUpJYZxUhk7V+U97mBfcplwYGb5K6cm6U'),
           ('lee', 120000::bigint,
            '$argon2id$v=19$m=19456,t=2,p=1$PoLKaYi4CHHq8AHL4KMjXg$IFe0EOTekS+D3zNasHX7RPGTSyqLjMcUdv8pNonOtjg'),
           ('park', 0::bigint,
            '$argon2id$v=19$m=19456,t=2,p=1$GI1mm+kwlvN/PW/TZuLGJQ$NMP3Zd7Zm2gvk2XSMedd53l4JUHw+85emH0a+yjVHto'),
           ('choi', 1000000::bigint,
            '$argon2id$v=19$m=19456,t=2,p=1$4BCjVwXZZECOkfz/Dg5kGw$vMj0JCQ8YJPiqfMnfyLNDIJMrLNf0QGiUBMPUKJrl28')
), inserted AS (
    INSERT INTO users (name, balance, password_hash)
    SELECT name, balance, password_hash FROM new_users
    RETURNING id, balance
)
INSERT INTO balance_ledger (user_id, type, amount, balance_after)
SELECT id, 'CHARGE', balance, balance FROM inserted WHERE balance > 0;

INSERT INTO products (name, price, stock) VALUES
    ('무선 이어폰', 89000, 50),
    ('기계식 키보드', 129000, 30),
    ('게이밍 마우스', 59000, 80),
    ('27인치 모니터', 329000, 15),
    ('USB-C 허브', 39000, 120),
    ('노트북 거치대', 29000, 200),
    ('블루투스 스피커', 79000, 40),
    ('스마트 워치', 249000, 25),
    ('보조 배터리', 35000, 150),
    ('웹캠', 69000, 60),
    ('텀블러', 18000, 300),
    ('백팩', 99000, 45),
    ('운동화', 119000, 35),
    ('후드티', 49000, 90),
    ('커피 원두 1kg', 32000, 100),
    ('녹차 티백', 12000, 250),
    ('요가 매트', 27000, 70),
    ('전기 포트', 45000, 55),
    ('LED 스탠드', 38000, 65),
    ('e-book 리더기', 199000, 20);
