package io.storelink.fakes.shopify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The sandbox store's fixed product catalogue (same ids for every seed, like a real store). */
final class Catalog {

    record Variant(long productId, long variantId, String title, String variantTitle, String sku,
                   BigDecimal price, int grams, String vendor) {
        /** Shopify's line item {@code name}: "Title - Variant", or just the title for single-variant products. */
        String name() { return variantTitle == null ? title : title + " - " + variantTitle; }
    }

    static final List<Variant> VARIANTS;

    static {
        // {title, vendor, grams, price, sku prefix, variants...}; variant "-" = single-variant product
        // (Shopify then sends variant_title null). Prices per variant where variants differ ("|").
        String[][] rows = {
                {"Merino Wool Beanie", "Nordkapp Wool", "90", "24.90", "BEANIE-MER", "Charcoal", "Forest Green", "Mustard"},
                {"Waxed Canvas Tote", "Fjord & Field", "650", "59.00", "TOTE-WAX", "Olive", "Navy"},
                {"Enamel Camping Mug 350 ml", "Fjord & Field", "280", "14.50", "MUG-ENM", "White", "Blue Speckle"},
                {"Trail Running Socks", "Nordkapp Wool", "70", "12.95", "SOCK-TRL", "S", "M", "L"},
                {"Down Jacket \"Nordkapp\"", "Nordkapp Wool", "780", "229.00", "JKT-DWN", "S", "M", "L", "XL"},
                {"Café Crème Espresso Beans 1 kg", "Rösterei Groß", "1000", "27.80", "COF-CRM", "Whole bean", "Ground"},
                {"Ærø Linen Tea Towel", "Ærø Væveri", "120", "11.00", "TWL-LIN", "Natural", "Indigo"},
                {"Cast-Iron Skillet 26 cm", "Fjord & Field", "2400", "49.00", "SKL-CI26", "-"},
                {"Headlamp 400 lm", "Fjord & Field", "95", "39.95", "LAMP-400", "-"},
                {"Kids' Rain Boots", "Regnbue", "520", "34.00", "BOOT-KID", "EU 28", "EU 30", "EU 32"},
                {"Bamboo Cutting Board", "Fjord & Field", "900", "19.90|29.90", "BRD-BMB", "Small", "Large"},
                {"Leather Notebook A5", "Papeterie Lefèvre", "310", "32.00", "NTB-A5", "Cognac", "Black"},
                {"Ceramic Pour-Over Set", "Rösterei Groß", "820", "44.00", "POUR-CER", "-"},
                {"Solar Power Bank 20 000 mAh", "Fjord & Field", "430", "49.99", "PWR-SOL20", "-"},
                {"Hand-knitted Lopapeysa Sweater", "Þór Prjón", "690", "189.00", "SWT-LOPI", "S", "M", "L"},
                {"Matcha Starter Kit 抹茶", "Uji Tea Co.", "400", "36.50", "TEA-MATCHA", "-"},
                {"Stainless Water Bottle 750 ml", "Fjord & Field", "340", "27.00", "BTL-750", "Steel", "Matte Black", "Fjord Blue"},
                {"Wool Blanket Ødegård", "Nordkapp Wool", "1500", "139.00", "BLK-ODG", "Grey", "Red Check"},
                {"Beeswax Candle Set (3)", "Bienenhof Weiß", "600", "18.40", "CND-BEE3", "-"},
                {"Folding Knife – Ash Handle", "Fjord & Field", "110", "64.50", "KNF-ASH", "-"},
        };
        List<Variant> all = new ArrayList<>();
        for (int p = 0; p < rows.length; p++) {
            String[] r = rows[p];
            String[] prices = r[3].split("\\|");
            long productId = OrderFactory.awkward(7_923_456_789_012_345_001L + p * 1_000_003_017L);
            for (int v = 5; v < r.length; v++) {
                boolean single = r[v].equals("-");
                String suffix = single ? "" : "-" + r[v].toUpperCase().replaceAll("[^A-Z0-9]+", "");
                all.add(new Variant(productId,
                        OrderFactory.awkward(4_491_238_765_432_109_001L + (p * 10L + v) * 7_000_001_011L),
                        r[0], single ? null : r[v], r[4] + suffix,
                        new BigDecimal(prices[Math.min(v - 5, prices.length - 1)]), Integer.parseInt(r[2]), r[1]));
            }
        }
        VARIANTS = List.copyOf(all);
    }

    private Catalog() {}
}
