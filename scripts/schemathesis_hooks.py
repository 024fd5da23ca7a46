"""Schemathesis hooks for scripts/api-fuzz.sh: bot requests carry the development API key, so that the fuzzer
reaches the handlers instead of the 404 every wrong key gets."""
import schemathesis


@schemathesis.hook
def map_body(ctx, body):
    if isinstance(body, dict) and "APIKey" in body:
        body["APIKey"] = "dev-api-key"
    return body
