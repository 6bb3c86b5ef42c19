package io.storelink.fakes.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.fakes.salesforce.SalesforceHttp.Res;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class FakeSalesforceIT {

    private static final String V = "/services/data/v64.0";

    private FakeSalesforce fake;
    private SalesforceHttp http;

    @BeforeEach
    void start() {
        fake = FakeSalesforce.start(0)
                .acceptClientCredentials("cid", "secret")
                .acceptPassword("pcid", "psecret", "api@example.com", "pw" + "TOKEN123");
        http = new SalesforceHttp(fake.url()).login("cid", "secret");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    // ---- login ----

    @Test
    void tokenGrants() {
        Res cc = http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "cid", "client_secret", "secret"), null);
        assertThat(cc.status()).isEqualTo(200);
        assertThat(cc.json().get("instance_url").asText()).isEqualTo(fake.url());
        assertThat(cc.json().get("id").asText()).isEqualTo(fake.url() + "/id/00D000000000001AAA/005000000000001AAA");
        assertThat(cc.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(cc.json().get("issued_at").asText()).matches("\\d{13}");
        assertThat(cc.json().has("signature")).isTrue();

        Res password = http.tokenRequest(Map.of("grant_type", "password", "client_id", "pcid", "client_secret", "psecret",
                "username", "api@example.com", "password", "pwTOKEN123"), null);
        assertThat(password.status()).isEqualTo(200);

        Res basic = http.tokenRequest(Map.of("grant_type", "client_credentials"), "cid:secret");
        assertThat(basic.status()).isEqualTo(200);

        Res noToken = http.tokenRequest(Map.of("grant_type", "password", "client_id", "pcid", "client_secret", "psecret",
                "username", "api@example.com", "password", "pw"), null);
        assertOAuthError(noToken, "invalid_grant", "authentication failure");
        assertOAuthError(http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "nope", "client_secret", "x"), null),
                "invalid_client_id", "client identifier invalid");
        assertOAuthError(http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "cid", "client_secret", "wrong"), null),
                "invalid_client", "invalid client credentials");

        fake.rejectAllLogins(true);
        assertOAuthError(http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "cid", "client_secret", "secret"), null),
                "invalid_grant", "authentication failure");
        fake.rejectAllLogins(false);

        assertThat(fake.logins()).isEqualTo(4); // setUp + three successes
        assertThat(fake.apiCalls()).isZero();
    }

    @Test
    void revokeInvalidatesTheToken() {
        String token = http.token();
        assertThat(http.call("POST", "/services/oauth2/revoke?token=" + token, null).status()).isEqualTo(200);
        Res after = http.get(V + "/limits");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
    }

    @Test
    void versionsNeedNoSessionAndAreNotMetered() {
        http.token(null);
        Res versions = http.get("/services/data/");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.json().findValuesAsText("version")).contains("56.0", "64.0", "66.0");
        assertThat(versions.json().get(versions.json().size() - 1).get("label").asText()).isEqualTo("Spring '26");

        Res denied = http.get(V + "/sobjects/Account/describe");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.text()).isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        assertThat(fake.apiCalls()).isZero();
    }

    @Test
    void otherIntegrationsUsageCountsAgainstTheAllowanceButNotOurCalls() {
        fake.otherIntegrationsUsage(14_000);
        Res limits = http.get(V + "/limits");
        assertThat(limits.header("Sforce-Limit-Info")).isEqualTo("api-usage=14001/15000");
        assertThat(limits.json().get("DailyApiRequests").get("Remaining").asLong()).isEqualTo(999);
        assertThat(fake.apiCalls()).isEqualTo(1);
        fake.otherIntegrationsUsage(0);
        assertThat(http.get(V + "/limits").header("Sforce-Limit-Info")).isEqualTo("api-usage=2/15000");
    }

    // ---- single-record writes ----

    @Test
    void upsertCreatesThenUpdates() {
        Res created = http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_1", Map.of("Name", "Acme"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(created.json().get("created").asBoolean()).isTrue();
        assertThat(created.json().get("errors")).isEmpty();
        String id = created.json().get("id").asText();
        assertThat(id).startsWith("001").hasSize(18);
        assertThat(created.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/15000");

        Res updated = http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_1", Map.of("Name", "Acme Inc"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("created").asBoolean()).isFalse();
        assertThat(updated.json().get("id").asText()).isEqualTo(id);
        assertThat(updated.header("Sforce-Limit-Info")).isEqualTo("api-usage=2/15000");

        assertThat(fake.count("Account")).isEqualTo(1);
        assertThat(fake.find("Account", "External_Shopify_Account_ID__c", "shop_cust_1").orElseThrow())
                .containsEntry("Id", id).containsEntry("Name", "Acme Inc").containsKeys("CreatedDate", "LastModifiedDate");
    }

    @Test
    void upsertDecodesTheUrlValueAndChecksTheKeyField() {
        String raw = "cust 1/ü+x";
        Res created = http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/" + SalesforceHttp.enc(raw), Map.of("Name", "Ü"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(fake.find("Account", "External_Shopify_Account_ID__c", raw)).isPresent();

        Res keyInBody = http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/k2",
                Map.of("Name", "A", "External_Shopify_Account_ID__c", "k2"));
        assertError(keyInBody, 400, "INVALID_FIELD");

        Res notExternal = http.call("PATCH", V + "/sobjects/Account/Name/Acme", Map.of("Phone", "1"));
        assertThat(notExternal.status()).isEqualTo(404);
        assertThat(notExternal.json().get(0).get("message").asText())
                .isEqualTo("Provided external ID field does not exist or is not accessible: Name");
    }

    @Test
    void parentLookupByExternalId() {
        String accountId = upsert("Account", "External_Shopify_Account_ID__c", "shop_cust_1", Map.of("Name", "Acme"));
        Res contact = http.call("PATCH", V + "/sobjects/Contact/External_Shopify_ID__c/c1",
                Map.of("LastName", "Doe", "Account", Map.of("External_Shopify_Account_ID__c", "shop_cust_1")));
        assertThat(contact.status()).isEqualTo(201);
        String contactId = contact.json().get("id").asText();
        assertThat(fake.find("Contact", "Id", contactId).orElseThrow()).containsEntry("AccountId", accountId);

        Res opp = http.call("PATCH", V + "/sobjects/Opportunity/External_Shopify_Order_ID__c/o1", Map.of(
                "Name", "Order 1", "StageName", "Closed Won", "CloseDate", "2026-01-31",
                "Account", Map.of("External_Shopify_Account_ID__c", "shop_cust_1"),
                "Contact", Map.of("External_Shopify_ID__c", "c1")));
        assertThat(opp.status()).isEqualTo(201);
        assertThat(fake.find("Opportunity", "External_Shopify_Order_ID__c", "o1").orElseThrow())
                .containsEntry("AccountId", accountId).containsEntry("ContactId", contactId);

        Res missing = http.call("PATCH", V + "/sobjects/Contact/External_Shopify_ID__c/c2",
                Map.of("LastName", "Roe", "Account", Map.of("External_Shopify_Account_ID__c", "shop_cust_404")));
        assertError(missing, 400, "INVALID_FIELD");
        assertThat(missing.json().get(0).get("message").asText()).isEqualTo(
                "Foreign key external ID: shop_cust_404 not found for field External_Shopify_Account_ID__c in entity Account");
    }

    @Test
    void validationErrors() {
        Res unknown = http.call("POST", V + "/sobjects/Account", Map.of("Name", "A", "Nope__c", "x"));
        assertError(unknown, 400, "INVALID_FIELD");
        assertThat(unknown.json().get(0).get("message").asText()).isEqualTo("No such column 'Nope__c' on sobject of type Account");
        assertThat(unknown.json().get(0).get("fields").get(0).asText()).isEqualTo("Nope__c");

        Res required = http.call("POST", V + "/sobjects/Contact", Map.of("FirstName", "Jo"));
        assertError(required, 400, "REQUIRED_FIELD_MISSING");
        assertThat(required.json().get(0).get("message").asText()).isEqualTo("Required fields are missing: [LastName]");
        assertThat(required.json().get(0).get("fields").get(0).asText()).isEqualTo("LastName");

        assertError(http.call("POST", V + "/sobjects/Contact", Map.of("LastName", "x".repeat(81))), 400, "STRING_TOO_LONG");
        assertError(http.call("POST", V + "/sobjects/Contact", Map.of("LastName", "L", "AccountId", "001000000000000AAA")),
                400, "INVALID_CROSS_REFERENCE_KEY");
        assertError(http.call("POST", V + "/sobjects/Contact", Map.of("LastName", "L", "AccountId", "garbage")), 400, "MALFORMED_ID");
        assertError(http.call("POST", V + "/sobjects/Account", Map.of("Name", "A", "CreatedDate", "2026-01-01T00:00:00.000+0000")),
                400, "INVALID_FIELD_FOR_INSERT_UPDATE");
        assertError(http.call("POST", V + "/sobjects/Opportunity", Map.of("Name", "O", "StageName", "New", "CloseDate", "31/01/2026")),
                400, "JSON_PARSER_ERROR");
        assertError(http.call("POST", V + "/sobjects/Account", "{not json"), 400, "JSON_PARSER_ERROR");
        assertThat(fake.count("Account") + fake.count("Contact") + fake.count("Opportunity")).isZero();
    }

    @Test
    void amountsKeepTheirExactDecimalText() {
        Res r = http.call("POST", V + "/sobjects/Opportunity",
                "{\"Name\":\"O\",\"StageName\":\"New\",\"CloseDate\":\"2026-01-31\",\"Amount\":1234.50,"
                        + "\"Shopify_Updated_At__c\":\"2026-01-31T10:15:00Z\"}");
        assertThat(r.status()).isEqualTo(201);
        Map<String, Object> opp = fake.records("Opportunity").get(0);
        assertThat(opp.get("Amount")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(opp.get("Shopify_Updated_At__c")).isEqualTo("2026-01-31T10:15:00.000+0000");
        Res q = http.get(V + "/query?q=" + SalesforceHttp.enc("SELECT Amount FROM Opportunity"));
        assertThat(q.text()).contains("\"Amount\":1234.50");
    }

    @Test
    void crudById() {
        Res created = http.call("POST", V + "/sobjects/Product2", Map.of("Name", "Mug", "StockKeepingUnit", "MUG-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().has("created")).isFalse();
        String id = created.json().get("id").asText();
        assertThat(id).startsWith("01t");

        Res read = http.get(V + "/sobjects/Product2/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Product2/" + id);
        assertThat(read.json().get("Name").asText()).isEqualTo("Mug");
        assertThat(read.json().get("ProductCode").isNull()).isTrue();

        assertThat(http.call("PATCH", V + "/sobjects/Product2/" + id.substring(0, 15), Map.of("Quantity_Available__c", 7)).status())
                .isEqualTo(204);
        Res byKey = http.get(V + "/sobjects/Product2/StockKeepingUnit/MUG-1");
        assertThat(byKey.json().get("Quantity_Available__c").asInt()).isEqualTo(7);

        assertThat(http.call("DELETE", V + "/sobjects/Product2/" + id, null).status()).isEqualTo(204);
        Res gone = http.get(V + "/sobjects/Product2/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.text()).isEqualTo("[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
        assertThat(http.get(V + "/sobjects/Product2/StockKeepingUnit/MUG-404").status()).isEqualTo(404);
    }

    @Test
    void describeAndGlobalDescribe() {
        Res d = http.get(V + "/sobjects/Account/describe/");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.json().get("name").asText()).isEqualTo("Account");
        JsonNode ext = null;
        for (JsonNode f : d.json().get("fields")) {
            if (f.get("name").asText().equals("External_Shopify_Account_ID__c")) {
                ext = f;
            }
        }
        assertThat(ext).isNotNull();
        assertThat(ext.get("externalId").asBoolean()).isTrue();
        assertThat(ext.get("unique").asBoolean()).isTrue();
        assertThat(ext.get("type").asText()).isEqualTo("string");
        assertThat(http.get(V + "/sobjects").json().get("sobjects").findValuesAsText("name"))
                .contains("Account", "Contact", "Opportunity", "Product2");

        fake.schema().addField("Opportunity", "Tracking__c", FieldType.STRING, false);
        assertThat(http.call("PATCH", V + "/sobjects/Opportunity/External_Shopify_Order_ID__c/o9",
                Map.of("Name", "O", "StageName", "New", "CloseDate", "2026-01-31", "Tracking__c", "T1")).status()).isEqualTo(201);
    }

    // ---- composite ----

    @Test
    void compositeWithReferencesIsOneCall() {
        Map<String, Object> body = Map.of("allOrNone", true, "compositeRequest", List.of(
                sub("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_1", Map.of("Name", "Acme"), "account"),
                sub("PATCH", V + "/sobjects/Contact/External_Shopify_ID__c/c1", Map.of("LastName", "Doe", "AccountId", "@{account.id}"), "contact"),
                sub("POST", V + "/sobjects/Opportunity", Map.of("Name", "Order #1", "StageName", "Closed Won", "CloseDate", "2026-02-01",
                        "AccountId", "@{account.id}", "ContactId", "@{contact.id}", "Amount", new BigDecimal("10.10")), "opp"),
                sub("GET", V + "/sobjects/Account/@{account.id}?fields=Name", null, "readBack"),
                sub("GET", V + "/query/?q=SELECT Id, Name FROM Contact WHERE AccountId = '@{account.id}'", null, "q")));
        Res r = http.call("POST", V + "/composite", body);
        assertThat(r.status()).isEqualTo(200);
        JsonNode results = r.json().get("compositeResponse");
        assertThat(results.findValuesAsText("referenceId")).containsExactly("account", "contact", "opp", "readBack", "q");
        assertThat(results.findValues("httpStatusCode").stream().map(JsonNode::asInt).toList()).containsExactly(201, 201, 201, 200, 200);
        assertThat(results.get(0).get("httpHeaders").get("Location").asText()).startsWith(V + "/sobjects/Account/001");
        String accountId = results.get(0).get("body").get("id").asText();
        assertThat(results.get(3).get("body").get("Name").asText()).isEqualTo("Acme");
        assertThat(results.get(4).get("body").get("totalSize").asInt()).isEqualTo(1);
        assertThat(fake.find("Opportunity", "Name", "Order #1").orElseThrow()).containsEntry("AccountId", accountId)
                .containsEntry("Amount", new BigDecimal("10.10"));
        assertThat(fake.apiCalls()).isEqualTo(1);
        assertThat(fake.apiCalls("/composite")).isEqualTo(1);
    }

    @Test
    void compositeAllOrNoneRollsEverythingBack() {
        upsert("Account", "External_Shopify_Account_ID__c", "shop_cust_1", Map.of("Name", "Before"));
        List<Map<String, Object>> before = fake.records("Account");
        Map<String, Object> body = Map.of("allOrNone", true, "compositeRequest", List.of(
                sub("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_1", Map.of("Name", "After"), "account"),
                sub("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_2", Map.of("Name", "New"), "account2"),
                sub("PATCH", V + "/sobjects/Contact/External_Shopify_ID__c/c1", Map.of("FirstName", "NoLastName"), "contact"),
                sub("POST", V + "/sobjects/Product2", Map.of("Name", "P"), "product")));
        JsonNode results = http.call("POST", V + "/composite", body).json().get("compositeResponse");

        assertThat(fake.records("Account")).isEqualTo(before);
        assertThat(fake.count("Contact") + fake.count("Product2")).isZero();
        assertThat(results.findValues("httpStatusCode").stream().map(JsonNode::asInt).toList()).containsExactly(400, 400, 400, 400);
        assertThat(results.get(2).get("body").get(0).get("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        for (int i : new int[] {0, 1, 3}) {
            assertThat(results.get(i).get("body").toString()).isEqualTo("[{\"message\":\"The transaction was rolled back since another "
                    + "operation in the same transaction failed.\",\"errorCode\":\"PROCESSING_HALTED\"}]");
        }
    }

    @Test
    void compositeWithoutAllOrNoneHaltsOnlyDependents() {
        Map<String, Object> body = Map.of("allOrNone", false, "compositeRequest", List.of(
                sub("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_1", Map.of("Bogus__c", "x"), "account"),
                sub("PATCH", V + "/sobjects/Contact/External_Shopify_ID__c/c1", Map.of("LastName", "Doe", "AccountId", "@{account.id}"), "contact"),
                sub("POST", V + "/sobjects/Product2", Map.of("Name", "P"), "product")));
        JsonNode results = http.call("POST", V + "/composite", body).json().get("compositeResponse");
        assertThat(results.findValues("httpStatusCode").stream().map(JsonNode::asInt).toList()).containsExactly(400, 400, 201);
        assertThat(results.get(0).get("body").get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(results.get(1).get("body").get(0).get("errorCode").asText()).isEqualTo("PROCESSING_HALTED");
        assertThat(results.get(1).get("body").get(0).get("message").asText()).isEqualTo("Invalid reference specified. No value for "
                + "account.id found in account. Provided referenceId ('account') doesn't exist");
        assertThat(fake.count("Product2")).isEqualTo(1);
        assertThat(fake.count("Contact")).isZero();
    }

    @Test
    void compositeRejectsMoreThan25Subrequests() {
        List<Map<String, Object>> subs = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            subs.add(sub("POST", V + "/sobjects/Product2", Map.of("Name", "P" + i), "p" + i));
        }
        assertThat(http.call("POST", V + "/composite", Map.of("allOrNone", false, "compositeRequest", subs)).status()).isEqualTo(400);
        assertThat(fake.count("Product2")).isZero();
    }

    @Test
    void collectionsInsideACompositeAreOneCall() {
        String a = fake.insert("Product2", Map.of("Name", "Mug", "StockKeepingUnit", "SKU-1"));
        String b = fake.insert("Product2", Map.of("Name", "Cup", "StockKeepingUnit", "SKU-2"));
        Map<String, Object> body = Map.of("allOrNone", false, "compositeRequest", List.of(
                sub("GET", V + "/query/?q=" + SalesforceHttp.enc("SELECT Id, Quantity_Available__c FROM Product2 WHERE StockKeepingUnit IN ('SKU-1','SKU-2')"),
                        null, "read"),
                sub("PATCH", V + "/composite/sobjects", Map.of("allOrNone", false, "records", List.of(
                        quantity(a, 5), quantity("01t000000000099AAA", 1))), "update1"),
                sub("PATCH", V + "/composite/sobjects", Map.of("allOrNone", false, "records", List.of(quantity(b, 7))), "update2")));
        fake.resetCounters();

        JsonNode results = http.call("POST", V + "/composite", body).json().get("compositeResponse");

        assertThat(results.findValues("httpStatusCode").stream().map(JsonNode::asInt).toList()).containsExactly(200, 200, 200);
        assertThat(results.get(0).get("body").get("totalSize").asInt()).isEqualTo(2);
        JsonNode first = results.get(1).get("body");
        assertThat(first.get(0).get("success").asBoolean()).isTrue();
        assertThat(first.get(1).get("success").asBoolean()).isFalse(); // update by Id never creates
        assertThat(first.get(1).get("errors").get(0).has("statusCode")).isTrue();
        assertThat(fake.find("Product2", "Id", a).orElseThrow()).containsEntry("Quantity_Available__c", 5L);
        assertThat(fake.find("Product2", "Id", b).orElseThrow()).containsEntry("Quantity_Available__c", 7L);
        assertThat(fake.count("Product2")).isEqualTo(2);
        assertThat(fake.apiCalls()).isEqualTo(1);
    }

    @Test
    void compositeRejectsMoreThanFiveQueriesOrCollections() {
        String id = fake.insert("Product2", Map.of("Name", "Mug", "StockKeepingUnit", "SKU-1"));
        List<Map<String, Object>> subs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            subs.add(sub("PATCH", V + "/composite/sobjects", Map.of("records", List.of(quantity(id, i))), "c" + i));
        }
        subs.add(sub("POST", V + "/sobjects/Product2", Map.of("Name", "Plain sObject calls do not count"), "p"));
        assertThat(http.call("POST", V + "/composite", Map.of("compositeRequest", subs)).status()).isEqualTo(200);

        subs.add(sub("GET", V + "/query/?q=SELECT+Id+FROM+Product2", null, "q"));
        assertError(http.call("POST", V + "/composite", Map.of("compositeRequest", subs)), 400, "LIMIT_EXCEEDED");
        assertThat(fake.count("Product2")).isEqualTo(2); // the refused call wrote nothing

        List<Map<String, Object>> queries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queries.add(sub("GET", V + "/queryAll/?q=SELECT+Id+FROM+Product2", null, "q" + i));
        }
        assertError(http.call("POST", V + "/composite", Map.of("compositeRequest", queries)), 400, "LIMIT_EXCEEDED");
    }

    // ---- query ----

    @Test
    void soqlQueries() {
        String acme = fake.insert("Account", Map.of("Name", "Acme", "BillingCity", "Berlin", "External_Shopify_Account_ID__c", "a1"));
        fake.insert("Account", Map.of("Name", "Beta", "BillingCity", "Paris", "External_Shopify_Account_ID__c", "a2"));
        fake.insert("Account", Map.of("Name", "Gamma", "External_Shopify_Account_ID__c", "a3"));
        fake.insert("Contact", Map.of("LastName", "Doe", "AccountId", acme));

        JsonNode r = query("SELECT Id, Name FROM Account WHERE BillingCity = 'berlin'");
        assertThat(r.get("totalSize").asInt()).isEqualTo(1);
        assertThat(r.get("done").asBoolean()).isTrue();
        JsonNode rec = r.get("records").get(0);
        assertThat(rec.get("attributes").get("type").asText()).isEqualTo("Account");
        assertThat(rec.get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Account/" + acme);
        assertThat(rec.get("Id").asText()).isEqualTo(acme);

        assertThat(names(query("SELECT Name FROM Account WHERE Name IN ('Acme', 'Gamma') ORDER BY Name DESC")))
                .containsExactly("Gamma", "Acme");
        assertThat(names(query("SELECT Name FROM Account WHERE BillingCity = null"))).containsExactly("Gamma");
        assertThat(names(query("SELECT Name FROM Account WHERE BillingCity != null AND Name != 'Acme'"))).containsExactly("Beta");
        assertThat(names(query("SELECT Name FROM Account ORDER BY Name ASC LIMIT 2"))).containsExactly("Acme", "Beta");
        assertThat(names(query("select name from account where name like 'g%'"))).containsExactly("Gamma");

        JsonNode count = query("SELECT COUNT() FROM Account WHERE Name != 'Beta'");
        assertThat(count.get("totalSize").asInt()).isEqualTo(2);
        assertThat(count.get("records")).isEmpty();

        JsonNode parent = query("SELECT LastName, Account.Name FROM Contact");
        assertThat(parent.get("records").get(0).get("Account").get("Name").asText()).isEqualTo("Acme");

        assertError(http.get(V + "/query?q=" + SalesforceHttp.enc("SELECT Nope FROM Account")), 400, "INVALID_FIELD");
        assertError(http.get(V + "/query?q=" + SalesforceHttp.enc("SELECT Id FROM Nope__c")), 400, "INVALID_TYPE");
        assertError(http.get(V + "/query?q=" + SalesforceHttp.enc("SELECT Id FRM Account")), 400, "MALFORMED_QUERY");
        assertError(http.get(V + "/query?q=" + SalesforceHttp.enc("SELECT Id FROM Account WHERE Name = 5")), 400, "INVALID_FIELD");
    }

    @Test
    void queryPagesOf2000() {
        for (int i = 0; i < 2100; i++) {
            fake.insert("Product2", Map.of("Name", "P" + i));
        }
        JsonNode first = query("SELECT Id, Name FROM Product2");
        assertThat(first.get("totalSize").asInt()).isEqualTo(2100);
        assertThat(first.get("done").asBoolean()).isFalse();
        assertThat(first.get("records")).hasSize(2000);
        String next = first.get("nextRecordsUrl").asText();
        assertThat(next).startsWith(V + "/query/01g").endsWith("-2000");

        JsonNode second = http.get(next).json();
        assertThat(second.get("done").asBoolean()).isTrue();
        assertThat(second.get("records")).hasSize(100);
        assertThat(second.has("nextRecordsUrl")).isFalse();
        assertThat(second.get("records").get(99).get("Name").asText()).isEqualTo("P2099");
    }

    // ---- collections ----

    @Test
    void collectionsUpsertAndUpdate() {
        fake.insert("Product2", Map.of("Name", "Old", "StockKeepingUnit", "SKU-1"));
        Res r = http.call("PATCH", V + "/composite/sobjects/Product2/StockKeepingUnit", Map.of("allOrNone", false, "records", List.of(
                productRecord("SKU-1", "Mug", 5), productRecord("SKU-2", "Cup", 3), productRecord("SKU-3", "x".repeat(300), 1))));
        assertThat(r.status()).isEqualTo(200);
        JsonNode results = r.json();
        assertThat(results.get(0).get("created").asBoolean()).isFalse();
        assertThat(results.get(1).get("created").asBoolean()).isTrue();
        assertThat(results.get(2).get("success").asBoolean()).isFalse();
        assertThat(results.get(2).get("errors").get(0).get("statusCode").asText()).isEqualTo("STRING_TOO_LONG");
        assertThat(results.get(2).get("errors").get(0).has("errorCode")).isFalse();
        assertThat(fake.count("Product2")).isEqualTo(2);

        String id = results.get(1).get("id").asText();
        Res update = http.call("PATCH", V + "/composite/sobjects", Map.of("allOrNone", true, "records", List.of(
                Map.of("attributes", Map.of("type", "Product2"), "Id", id, "Quantity_Available__c", 42))));
        assertThat(update.json().get(0).get("success").asBoolean()).isTrue();
        assertThat(fake.find("Product2", "Id", id).orElseThrow().get("Quantity_Available__c")).isEqualTo(42L);
        assertThat(fake.apiCalls("/composite/sobjects")).isEqualTo(2);
    }

    @Test
    void collectionsAllOrNoneRollsBackAndCapsAt200() {
        Res r = http.call("PATCH", V + "/composite/sobjects/Product2/StockKeepingUnit", Map.of("allOrNone", true, "records", List.of(
                productRecord("SKU-1", "Mug", 5), productRecord("SKU-2", null, 3))));
        assertThat(r.json().get(0).get("success").asBoolean()).isFalse();
        assertThat(r.json().get(0).get("errors").get(0).get("statusCode").asText()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(r.json().get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(fake.count("Product2")).isZero();

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            many.add(productRecord("S" + i, "P", 1));
        }
        assertError(http.call("PATCH", V + "/composite/sobjects/Product2/StockKeepingUnit", Map.of("records", many)), 400, "EXCEEDED_ID_LIMIT");
    }

    // ---- faults, sessions, metering ----

    @Test
    void eachFaultKind() {
        Map<Fault, Integer> statuses = Map.of(Fault.INVALID_SESSION, 401, Fault.REQUEST_LIMIT_EXCEEDED, 403,
                Fault.SERVER_UNAVAILABLE, 503, Fault.UNKNOWN_EXCEPTION, 500, Fault.UNABLE_TO_LOCK_ROW, 400, Fault.TOO_MANY_REQUESTS, 429);
        statuses.forEach((fault, status) -> {
            fake.faults().failNext(1, fault);
            Res r = http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/k", Map.of("Name", "A"));
            assertError(r, status, fault.errorCode);
            assertThat(r.header("Sforce-Limit-Info")).startsWith("api-usage=");
            assertThat(fake.faults().injected(fault)).isEqualTo(1);
        });
        fake.faults().failNext(1, Fault.TOO_MANY_REQUESTS);
        assertThat(http.get(V + "/limits").header("Retry-After")).isEqualTo("1");
        assertThat(fake.count("Account")).isZero();
        assertThat(http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/k", Map.of("Name", "A")).status()).isEqualTo(201);
    }

    @Test
    void lockFailureInsideACompositeUsesTheSubrequestShape() {
        fake.faults().failNext(1, Fault.UNABLE_TO_LOCK_ROW);
        Res r = http.call("POST", V + "/composite", Map.of("allOrNone", true, "compositeRequest", List.of(
                sub("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/a", Map.of("Name", "A"), "account"),
                sub("POST", V + "/sobjects/Product2", Map.of("Name", "P"), "product"))));
        assertThat(r.status()).isEqualTo(200);
        JsonNode results = r.json().get("compositeResponse");
        assertThat(results.get(0).get("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(results.get(0).get("body").get(0).get("errorCode").asText()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(results.get(1).get("body").get(0).get("errorCode").asText()).isEqualTo("PROCESSING_HALTED");
        assertThat(fake.count("Account") + fake.count("Product2")).isZero();
    }

    @Test
    void failRatioIsDeterministicAndLimitExceededShowsInLimits() {
        fake.faults().failRatio(0.3, Fault.SERVER_UNAVAILABLE, 42);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(http.get(V + "/limits").status());
        }
        fake.faults().failRatio(0.3, Fault.SERVER_UNAVAILABLE, 42);
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            second.add(http.get(V + "/limits").status());
        }
        assertThat(second).isEqualTo(first);
        assertThat(first.stream().filter(s -> s == 503).count()).isBetween(15L, 45L);
        fake.faults().failRatio(0, null, 0);

        fake.faults().limitExceeded(true);
        Res blocked = http.call("POST", V + "/sobjects/Account", Map.of("Name", "A"));
        assertThat(blocked.text()).isEqualTo("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(http.get(V + "/limits").json().get("DailyApiRequests").get("Remaining").asInt()).isZero();
        fake.faults().reset();
        JsonNode limits = http.get(V + "/limits").json().get("DailyApiRequests");
        assertThat(limits.get("Max").asInt()).isEqualTo(15000);
        assertThat(limits.get("Remaining").asLong()).isEqualTo(15000 - fake.apiCalls());
    }

    @Test
    void rejectWhereFailsMatchingWrites() {
        fake.faults().rejectWhere("Account", "Name", "Blocked Co", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Blocked by rule");
        Res r = http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/b", Map.of("Name", "Blocked Co"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("[{\"message\":\"Blocked by rule\",\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[\"Name\"]}]");
        fake.faults().clearRejections();
        assertThat(http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/b", Map.of("Name", "Blocked Co")).status())
                .isEqualTo(201);
    }

    @Test
    void expiredSessionsNeedANewLogin() {
        fake.faults().expireSessions();
        Res r = http.get(V + "/limits");
        assertError(r, 401, "INVALID_SESSION_ID");
        assertThat(fake.faults().injected(Fault.INVALID_SESSION)).isEqualTo(1);
        http.login("cid", "secret");
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
    }

    @Test
    void apiCallCounting() {
        http.get("/services/data/");
        http.get(V + "/limits");
        http.call("POST", V + "/composite", Map.of("compositeRequest", List.of(
                sub("POST", V + "/sobjects/Product2", Map.of("Name", "A"), "a"),
                sub("POST", V + "/sobjects/Product2", Map.of("Name", "B"), "b"))));
        assertThat(fake.apiCalls()).isEqualTo(2);
        assertThat(fake.apiCalls("/composite")).isEqualTo(1);
        assertThat(fake.apiCalls("/limits")).isEqualTo(1);
        fake.resetCounters();
        assertThat(fake.apiCalls()).isZero();
        assertThat(fake.logins()).isZero();
    }

    @Test
    void sandboxPagesEscapeHtml() {
        fake.insert("Account", Map.of("Name", "<script>alert('x')</script> & Co"));
        Res page = http.get("/_sandbox");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co").doesNotContain("<script>");
        Res json = http.get("/_sandbox/records");
        assertThat(json.json().get("Account").get(0).get("Name").asText()).startsWith("<script>");
        assertThat(json.json().has("Product2")).isTrue();
    }

    @Test
    void concurrentUpsertsStayConsistent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 25; i++) {
                        int status = http.call("PATCH", V + "/sobjects/Account/External_Shopify_Account_ID__c/k" + (i % 10),
                                Map.of("Name", "N" + i)).status();
                        ok += status == 200 || status == 201 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : futures) {
                ok += f.get();
            }
            assertThat(ok).isEqualTo(200);
            assertThat(fake.count("Account")).isEqualTo(10);
            assertThat(fake.apiCalls()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- the real camel-salesforce client ----

    @Test
    void realCamelSalesforceClient() throws Exception {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(fake.url());
        salesforce.setClientId("cid");
        salesforce.setClientSecret("secret");
        salesforce.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        salesforce.setLazyLogin(true);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("64.0");
        salesforce.setConfig(config);
        fake.resetCounters();

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("salesforce", salesforce);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            SObjectComposite composite = new SObjectComposite("64.0", true)
                    .addGeneric(SObjectComposite.Method.PATCH, "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_1",
                            Map.of("Name", "Acme"), "account")
                    .addGeneric(SObjectComposite.Method.PATCH, "/sobjects/Contact/External_Shopify_ID__c/c1",
                            Map.of("LastName", "Doe", "AccountId", "@{account.id}"), "contact")
                    .addGeneric(SObjectComposite.Method.PATCH, "/sobjects/Opportunity/External_Shopify_Order_ID__c/o1",
                            Map.of("Name", "Order 1", "StageName", "Closed Won", "CloseDate", "2026-02-01",
                                    "Amount", new BigDecimal("99.90"), "AccountId", "@{account.id}", "ContactId", "@{contact.id}"), "opp");
            SObjectCompositeResponse response = template.requestBody("salesforce:composite", composite, SObjectCompositeResponse.class);
            assertThat(response.getCompositeResponse()).extracting(SObjectCompositeResult::getHttpStatusCode).containsExactly(201, 201, 201);
            assertThat(response.getCompositeResponse()).extracting(SObjectCompositeResult::getReferenceId)
                    .containsExactly("account", "contact", "opp");
            assertThat(fake.logins()).isEqualTo(1); // lazy login: the client logged in on first use
            assertThat(fake.find("Opportunity", "External_Shopify_Order_ID__c", "o1").orElseThrow())
                    .containsEntry("Amount", new BigDecimal("99.90"));

            // session expiry: the client's security handler logs in again by itself and retries
            fake.faults().expireSessions();
            SObjectCompositeResponse again = template.requestBody("salesforce:composite", new SObjectComposite("64.0", true)
                    .addGeneric(SObjectComposite.Method.PATCH, "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_1",
                            Map.of("Name", "Acme Inc"), "account"), SObjectCompositeResponse.class);
            assertThat(again.getCompositeResponse().get(0).getHttpStatusCode()).isEqualTo(200);
            assertThat(fake.logins()).isEqualTo(2);
            assertThat(fake.faults().injected(Fault.INVALID_SESSION)).isEqualTo(1);

            // a failing subrequest comes back in the response, not as an exception (top-level 200)
            SObjectCompositeResponse failed = template.requestBody("salesforce:composite", new SObjectComposite("64.0", true)
                    .addGeneric(SObjectComposite.Method.PATCH, "/sobjects/Contact/External_Shopify_ID__c/c2",
                            Map.of("FirstName", "NoLastName"), "contact")
                    .addGeneric(SObjectComposite.Method.PATCH, "/sobjects/Account/External_Shopify_Account_ID__c/shop_cust_9",
                            Map.of("Name", "Z"), "account"), SObjectCompositeResponse.class);
            assertThat(failed.getCompositeResponse()).extracting(SObjectCompositeResult::getHttpStatusCode).containsExactly(400, 400);
            assertThat(failed.getCompositeResponse().get(1).getBody().toString()).contains("PROCESSING_HALTED");

            String json = template.requestBodyAndHeader("salesforce:query?rawPayload=true", null, "sObjectQuery",
                    "SELECT Id, Name, External_Shopify_Account_ID__c FROM Account WHERE External_Shopify_Account_ID__c = 'shop_cust_1'",
                    String.class);
            JsonNode result = Json.MAPPER.readTree(json);
            assertThat(result.get("totalSize").asInt()).isEqualTo(1);
            assertThat(result.get("records").get(0).get("Name").asText()).isEqualTo("Acme Inc");

            Limits limits = template.requestBody("salesforce:limits", null, Limits.class);
            assertThat(limits.getDailyApiRequests().getMax()).isEqualTo(15000);
            assertThat(limits.getDailyApiRequests().getRemaining()).isEqualTo(15000 - (int) fake.apiCalls());
        }
    }

    @Test
    void realCamelClientSendsCollectionsAndQueriesInsideAComposite() throws Exception {
        String id = fake.insert("Product2", Map.of("Name", "Mug", "StockKeepingUnit", "SKU-1"));
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("salesforce", camelSalesforce());
            camel.start();
            fake.resetCounters();

            SObjectComposite composite = new SObjectComposite("64.0", false)
                    .addGeneric(SObjectComposite.Method.GET, "/query/?q=" + SalesforceHttp.enc("SELECT Id FROM Product2 WHERE StockKeepingUnit IN ('SKU-1')"), "read")
                    .addGeneric(SObjectComposite.Method.PATCH, "/composite/sobjects",
                            Map.of("allOrNone", false, "records", List.of(quantity(id, 12))), "update");
            SObjectCompositeResponse response = camel.createProducerTemplate()
                    .requestBody("salesforce:composite", composite, SObjectCompositeResponse.class);

            assertThat(response.getCompositeResponse()).extracting(SObjectCompositeResult::getHttpStatusCode).containsExactly(200, 200);
            assertThat(response.getCompositeResponse().get(0).getBody()).isInstanceOfSatisfying(Map.class,
                    page -> assertThat(page.get("totalSize")).isEqualTo(1));
            assertThat(response.getCompositeResponse().get(1).getBody()).isInstanceOfSatisfying(List.class,
                    records -> assertThat(((Map<?, ?>) records.get(0)).get("success")).isEqualTo(true));
            assertThat(fake.find("Product2", "Id", id).orElseThrow()).containsEntry("Quantity_Available__c", 12L);
            assertThat(fake.apiCalls()).isEqualTo(1);
        }
    }

    private SalesforceComponent camelSalesforce() {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(fake.url());
        salesforce.setClientId("cid");
        salesforce.setClientSecret("secret");
        salesforce.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        salesforce.setLazyLogin(true);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("64.0");
        salesforce.setConfig(config);
        return salesforce;
    }

    // ---- helpers ----

    private String upsert(String object, String field, String value, Map<String, Object> body) {
        Res r = http.call("PATCH", V + "/sobjects/" + object + "/" + field + "/" + value, body);
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return r.json().get("id").asText();
    }

    private JsonNode query(String soql) {
        Res r = http.get(V + "/query?q=" + SalesforceHttp.enc(soql));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static List<String> names(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("records").forEach(r -> out.add(r.get("Name").asText()));
        return out;
    }

    private static Map<String, Object> sub(String method, String url, Object body, String ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("url", url);
        m.put("referenceId", ref);
        if (body != null) {
            m.put("body", body);
        }
        return m;
    }

    private static Map<String, Object> productRecord(String sku, String name, int qty) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attributes", Map.of("type", "Product2"));
        m.put("StockKeepingUnit", sku);
        m.put("Name", name);
        m.put("Quantity_Available__c", qty);
        return m;
    }

    private static Map<String, Object> quantity(String id, int qty) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attributes", Map.of("type", "Product2"));
        m.put("Id", id);
        m.put("Quantity_Available__c", qty);
        return m;
    }

    private static void assertError(Res r, int status, String errorCode) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().isArray()).as(r.text()).isTrue();
        assertThat(r.json().get(0).get("errorCode").asText()).as(r.text()).isEqualTo(errorCode);
        assertThat(r.json().get(0).has("message")).isTrue();
    }

    private static void assertOAuthError(Res r, String error, String description) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).isEqualTo(description);
    }
}
