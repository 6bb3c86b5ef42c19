package io.storelink;

import io.storelink.lineitems.LineItemMapping;
import io.storelink.lineitems.LineItemSettings;
import io.storelink.salesforce.schema.LineItemsCheck;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storelink.fakes.salesforce.Schema;
import io.storelink.customers.CustomerMapping;
import io.storelink.customers.CustomerSettings;
import io.storelink.inventory.InventorySettings;
import io.storelink.fulfillments.FulfillmentMapping;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.PersonAccountSettings;
import io.storelink.orderchanges.OrderChangeSettings;
import io.storelink.orders.OrderMapping;
import io.storelink.orders.OrderUpserts;
import io.storelink.mapping.Upsert;
import io.storelink.salesforce.schema.FieldFit;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.salesforce.schema.SalesforceField;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.salesforce.schema.MappingCheck;
import io.storelink.shopify.ParseCustomer;
import io.storelink.shopify.ParseFulfillment;
import io.storelink.shopify.ParseOrder;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.env.PropertySource;

/** The real application.yaml bound without starting Spring, so unit tests check the shipped defaults. */
public final class TestSettings {

    private static CamelContext camel;
    private static OrgSchema standardOrg;

    private TestSettings() {
    }

    public static MappingSettings mapping() {
        return binder().bind("storelink.mapping", MappingSettings.class).get();
    }

    public static OrderChangeSettings orderChanges() {
        return binder().bind("storelink.mapping", OrderChangeSettings.class).get();
    }

    /** A started Camel context for compiling simple field expressions, shared by the unit tests. */
    public static synchronized CamelContext camel() {
        if (camel == null) {
            camel = new DefaultCamelContext();
            camel.start();
        }
        return camel;
    }

    public static CustomerSettings customers() {
        return binder().bind("storelink.mapping.customer", CustomerSettings.class).get();
    }

    public static CustomerMapping customerMapping() {
        return new CustomerMapping(mapping(), customers(), orderMapping(), camel());
    }

    public static OrderMapping orderMapping() {
        return new OrderMapping(mapping(), camel());
    }

    public static FulfillmentMapping fulfillmentMapping() {
        return new FulfillmentMapping(mapping(), camel());
    }

    /** The org the Salesforce fake has, as describe reports it: what the writers fit values to. */
    public static OrgSchema orgSchema(Schema fake) {
        OrgSchema schema = new OrgSchema(camel()) {
            @Override
            public Map<String, SalesforceField> describe(String object) throws SalesforceException {
                Map<String, SalesforceField> fields = fields(object);
                if (fields.isEmpty()) { // what Salesforce answers for an object the org does not have
                    throw new SalesforceException(List.of(new RestError("NOT_FOUND", "The requested resource does not exist")), 404);
                }
                return fields;
            }
        };
        for (Schema.SObjectType type : fake.objects()) {
            Map<String, SalesforceField> fields = new LinkedHashMap<>();
            for (Schema.Field f : type.fields()) {
                fields.put(f.name(), new SalesforceField(f.name(), f.type().soapName(), f.type().isText() ? f.length() : 0,
                        f.createable(), f.updateable(), f.externalId(), f.unique(),
                        f.referenceTo() == null ? List.of() : List.of(f.referenceTo()), fake.picklistValues(type.name(), f.name())));
            }
            schema.put(type.name(), fields);
        }
        return schema;
    }

    public static synchronized OrgSchema orgSchema() {
        if (standardOrg == null) {
            standardOrg = orgSchema(Schema.standard());
        }
        return standardOrg;
    }

    /** The start-up check of the shipped mapping against the given org, without Salesforce. */
    public static MappingCheck mappingCheck(MappingSettings settings, OrgSchema org) {
        return mappingCheck(settings, PersonAccountSettings.off(), org);
    }

    /** The start-up check with person accounts on or off. */
    public static MappingCheck mappingCheck(MappingSettings settings, PersonAccountSettings persons, OrgSchema org) {
        return mappingCheck(settings, persons, org, lineItemsOff(), null);
    }

    /** The start-up check with line items as given, the price books read by {@code priceBooks}. */
    public static MappingCheck mappingCheck(MappingSettings settings, PersonAccountSettings persons, OrgSchema org,
            LineItemSettings lineItems, io.storelink.lineitems.PriceBooks priceBooks) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        OrderMapping orders = new OrderMapping(settings, persons, camel());
        return new MappingCheck(settings, orderChanges(), orders, new FulfillmentMapping(settings, camel()), customers(),
                new CustomerMapping(settings, customers(), orders, camel()), org,
                new ParseOrder(json), new ParseFulfillment(json), new ParseCustomer(json),
                new LineItemsCheck(lineItems, new LineItemMapping(lineItems, camel()), priceBooks));
    }

    /** The shipped storelink.mapping.line-items, switched on, priced in {@code priceBook} ("" = the standard one). */
    public static LineItemSettings lineItems(String priceBook) {
        LineItemSettings s = binder().bind("storelink.mapping.line-items", LineItemSettings.class).get();
        return new LineItemSettings(true, priceBook, s.opportunityPriceBook(), s.product(), s.priceBookEntry(), s.lineItem());
    }

    public static io.storelink.config.SalesforceSettings salesforce() {
        return binder().bind("storelink.salesforce", io.storelink.config.SalesforceSettings.class).get();
    }

    /** storelink.mapping.line-items with line items off (the default). */
    public static LineItemSettings lineItemsOff() {
        return new LineItemSettings(false, null, null, null, null, null);
    }

    /** The records as the writer sends them to the fake's org: values fitted to its fields (types, lengths). */
    public static OrderUpserts fitted(OrderUpserts r) {
        return new OrderUpserts(fitted(r.account()), r.contact().map(TestSettings::fitted), fitted(r.opportunity()));
    }

    private static Upsert fitted(Upsert u) {
        return new Upsert(u.sObject(), u.externalIdField(), u.externalId(),
                FieldFit.fit(u.fields(), orgSchema().fields(u.sObject())));
    }

    public static InventorySettings inventory() {
        return binder().bind("storelink.jobs.inventory", InventorySettings.class).get();
    }

    private static Binder binder() {
        try {
            PropertySource<?> yaml = new YamlPropertySourceLoader()
                    .load("application.yaml", new FileSystemResource("application.yaml")).get(0);
            return new Binder(ConfigurationPropertySources.from(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
