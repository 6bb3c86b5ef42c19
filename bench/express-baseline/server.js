// The baseline the intake is measured against: the blueprint's step-2 endpoint, unchanged except that it
// listens on PORT (default 3000) on 127.0.0.1 and uses the bridge's path, /webhooks/shopify. It verifies the HMAC
// and answers 200; it persists nothing. bench/intake-benchmark.sh runs it with stdout sent to /dev/null (it logs
// one line per request, as the blueprint does).
const express = require('express');
const crypto = require('crypto');

const SHOPIFY_WEBHOOK_SECRET = process.env.SHOPIFY_WEBHOOK_SECRET;
const PORT = Number(process.env.PORT || 3000);

const app = express();

app.use(express.json({ verify: (req, res, buf) => { req.rawBody = buf; }}));
app.post('/webhooks/shopify', (req, res) => {
  const hmac = req.header('X-Shopify-Hmac-SHA256'); const body = req.rawBody;
  if (!hmac || !body) return res.status(400).send('Bad Request: Missing HMAC or body');
  const digest = crypto.createHmac('sha256', SHOPIFY_WEBHOOK_SECRET).update(body).digest('base64');
  if (digest !== hmac) { console.error('Webhook signature mismatch!'); return res.status(401).send('Unauthorized: Webhook signature verification failed.'); }
  console.log('Webhook signature verified successfully!');
  res.status(200).send('Webhook received and verified.');
});

app.listen(PORT, '127.0.0.1', () => {
  console.error(`express baseline listening on http://127.0.0.1:${PORT}/webhooks/shopify`);
});
