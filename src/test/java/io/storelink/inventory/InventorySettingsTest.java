package io.storelink.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storelink.TestSettings;
import io.storelink.inventory.InventorySettings.ShopifyKey;
import org.junit.jupiter.api.Test;

class InventorySettingsTest {

    @Test
    void shippedDefaults() {
        InventorySettings s = TestSettings.inventory();
        assertThat(s.locations()).isEmpty();
        assertThat(s.pageSize()).isEqualTo(100);
        assertThat(s.shopifyKey()).isEqualTo(ShopifyKey.SKU);
        assertThat(s.object()).isEqualTo("Product2");
        assertThat(s.matchField()).isEqualTo("StockKeepingUnit");
        assertThat(s.quantityField()).isEqualTo("Quantity_Available__c");
    }

    @Test
    void locationsAreNumericIdsOrGids() {
        InventorySettings s = settings(" 123, gid://shopify/Location/456 ,,123");
        assertThat(s.locations()).containsExactly("gid://shopify/Location/123", "gid://shopify/Location/456");
        assertThatThrownBy(() -> settings("Warehouse")).hasMessageContaining("location-ids").hasMessageContaining("Warehouse");
        assertThatThrownBy(() -> settings("gid://shopify/Product/1")).hasMessageContaining("location-ids");
    }

    @Test
    void objectAndFieldNamesMustBeApiNamesSinceTheyGoIntoSoql() {
        assertThatThrownBy(() -> new InventorySettings("", 100, ShopifyKey.SKU, "Product2", "Name) OR (Id != null", "Q__c"))
                .hasMessageContaining("match-field");
        assertThatThrownBy(() -> new InventorySettings("", 100, ShopifyKey.SKU, "Product2", "StockKeepingUnit", "Q__c; x"))
                .hasMessageContaining("quantity-field");
    }

    @Test
    void variantIdKeyDefaultsToTheVariantIdField() {
        InventorySettings s = new InventorySettings(null, 0, ShopifyKey.VARIANT_ID, null, null, null);
        assertThat(s.matchField()).isEqualTo("External_Shopify_Variant_ID__c");
        assertThat(s.pageSize()).isEqualTo(100);
        assertThat(new InventorySettings(null, 1000, null, null, null, null).pageSize()).isEqualTo(250);
    }

    static InventorySettings settings(String locations) {
        return new InventorySettings(locations, 100, ShopifyKey.SKU, "Product2", "StockKeepingUnit", "Quantity_Available__c");
    }
}
