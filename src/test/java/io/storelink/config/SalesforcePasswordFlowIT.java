package io.storelink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.storelink.StorelinkApplication;
import io.storelink.fakes.salesforce.FakeSalesforce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With SALESFORCE_USERNAME set, the bridge logs in with the username-password flow, sending the password with
 * the security token appended; the fake accepts only exactly that (no client-credentials login is registered).
 */
@CamelSpringBootTest
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=unused",
                "storelink.jobs.enabled=false",
                "storelink.kafka.bootstrap-servers=127.0.0.1:9",
                "storelink.salesforce.client-id=pw-client",
                "storelink.salesforce.client-secret=pw-client-secret",
                "storelink.salesforce.username=integration@example.com",
                "storelink.salesforce.password=Correct-Horse",
                "storelink.salesforce.security-token=TOKEN123"
        })
class SalesforcePasswordFlowIT {

    static final FakeSalesforce SALESFORCE = FakeSalesforce.start(0)
            .acceptPassword("pw-client", "pw-client-secret", "integration@example.com", "Correct-HorseTOKEN123");

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry registry) {
        registry.add("storelink.salesforce.login-url", SALESFORCE::url);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @Autowired
    ProducerTemplate template;

    @Test
    void logsInWithPasswordAndSecurityToken() {
        SALESFORCE.insert("Account", Map.of("Name", "Acme", "External_Shopify_Account_ID__c", "shop_cust_1"));

        Object result = template.requestBody(
                "salesforce:query?rawPayload=true&sObjectQuery=SELECT Id, Name FROM Account", null, String.class);

        assertThat(SALESFORCE.logins()).isEqualTo(1);
        assertThat((String) result).contains("Acme");
    }
}
