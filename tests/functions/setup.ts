// The environment Lambda and the regional stack give the functions, with local values. Handlers
// read it at import; cores get their settings as arguments and ignore it.
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.POWERTOOLS_SERVICE_NAME = 'functions-tests';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'TradingPlatform';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.LOG_LEVEL = 'SILENT';

// trade-processor
process.env.DB_HOST = '127.0.0.1';
process.env.DB_PORT = '5432';
process.env.DB_NAME = 'trading';
process.env.DB_USER = 'postgres';
process.env.DB_AUTH = 'password';
process.env.DB_PASSWORD = 'local';
process.env.DB_SSL = 'false';
process.env.SESSIONS_TABLE = 'trading-test-sessions';
process.env.AUDIT_BUCKET = 'trading-test-audit';
process.env.SESSION_TTL_SECONDS = '86400';

// health
process.env.SERVING_PARAMETER = '/trading/test/us-east-1/serving';
process.env.FLAG_CACHE_SECONDS = '5';
process.env.QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/trading-test-trade-orders';
process.env.PROBE_TIMEOUT_MS = '500';

// failover-validator
process.env.GLOBAL_CLUSTER_ID = 'trading-test';
process.env.PEER_REGION = 'us-east-2';
process.env.CONFIG_BUCKET = 'trading-test-config';
process.env.TRADE_PROCESSOR_FUNCTION = 'trading-test-trade-processor';
process.env.HEALTH_CHECK_IDS_PARAMETER = '/trading/test/health-check-ids';
process.env.RPO_LAG_THRESHOLD_SECONDS = '30';
process.env.REPLICATION_LATENCY_THRESHOLD_MS = '2000';
