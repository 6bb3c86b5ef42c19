package io.storelink.customers;

import java.util.Map;

import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.SalesforceText;
import io.storelink.orders.Buyer;
import io.storelink.orders.OrderVariables;
import io.storelink.shopify.model.ShopifyCustomer;

/**
 * The variables of a customer event for {@code simple:} field expressions: the same buyer variables as an order's
 * (so storelink.mapping.account and contact fields work unchanged), plus the customer's consent.
 */
final class CustomerVariables {

    private CustomerVariables() {
    }

    static Map<String, Object> of(ShopifyCustomer customer, MappingSettings settings) {
        Map<String, Object> v = OrderVariables.ofBuyer(Buyer.of(customer), settings);
        // Salesforce's HasOptedOutOfEmail is an opt-out: only an explicit subscription means the customer may be mailed
        v.put("emailOptOut", customer.emailMarketingConsent() == null || !customer.emailMarketingConsent().subscribed());
        v.put("smsSubscribed", customer.smsMarketingConsent() != null && customer.smsMarketingConsent().subscribed());
        v.put("updatedAt", SalesforceText.dateTime(customer.updatedAt()));
        return v;
    }
}
