package io.storelink.fakes.shopify;

import java.math.BigDecimal;
import java.util.List;

/**
 * A country the sandbox store sells to. The shop's own currency is always EUR (Shopify has one shop
 * currency); {@code presentmentCurrency} is what the buyer saw at checkout (Shopify Markets), so the
 * {@code *_set} objects differ between shop_money and presentment_money for non-EUR markets. That is
 * deliberate: the bridge must book {@code shop_money}, and a test catches it if it does not.
 */
record Market(
        String countryCode, String country, String presentmentCurrency, BigDecimal eurRate,
        BigDecimal taxRate, String taxTitle, BigDecimal shippingEur, String customerLocale,
        String phonePrefix, List<City> cities, List<String> streets,
        List<String> firstNames, List<String> lastNames, List<String> companies) {

    record City(String city, String province, String provinceCode, String zip) {}

    /** Names and places are mostly non-ASCII on purpose: encoding bugs show up in the first minute. */
    static final List<Market> ALL = List.of(
            new Market("US", "United States", "USD", new BigDecimal("1.08"), new BigDecimal("0.06"), "State Tax",
                    new BigDecimal("9.90"), "en-US", "+1 502-555-",
                    List.of(new City("Louisville", "Kentucky", "KY", "40202"), new City("Portland", "Oregon", "OR", "97205"),
                            new City("Austin", "Texas", "TX", "78701")),
                    List.of("Chestnut Street", "Elm Avenue", "Main Street"),
                    List.of("Bob", "Emily", "DeShawn", "Ashley"), List.of("Norman", "O'Brien", "Johnson", "García"),
                    List.of("Acme Outdoor LLC", "Norman & Sons Inc.")),
            new Market("DE", "Germany", "EUR", BigDecimal.ONE, new BigDecimal("0.19"), "MwSt",
                    new BigDecimal("4.90"), "de-DE", "+49 30 ",
                    List.of(new City("Berlin", null, null, "10115"), new City("München", "Bayern", "BY", "80331")),
                    List.of("Straße des 17. Juni", "Königsallee", "Müllerstraße"),
                    List.of("Jürgen", "Anna-Lena", "Käthe", "Björn"), List.of("Müller", "Schröder", "Weiß", "Groß"),
                    List.of("Müller GmbH", "Schröder & Söhne KG")),
            new Market("DK", "Denmark", "DKK", new BigDecimal("7.46"), new BigDecimal("0.25"), "Moms",
                    new BigDecimal("6.90"), "da-DK", "+45 ",
                    List.of(new City("Ærøskøbing", null, null, "5970"), new City("København", null, null, "1050")),
                    List.of("Vestergade", "Søndergade", "Nørrebrogade"),
                    List.of("Mette", "Søren", "Åse"), List.of("Sørensen", "Kjærgaard", "Ødegaard"),
                    List.of("Ærø Cykler ApS")),
            new Market("NO", "Norway", "NOK", new BigDecimal("11.70"), new BigDecimal("0.25"), "MVA",
                    new BigDecimal("12.90"), "nb-NO", "+47 ",
                    List.of(new City("Oslo", null, null, "0150"), new City("Tromsø", null, null, "9008")),
                    List.of("Karl Johans gate", "Storgata"),
                    List.of("Søren", "Ingrid", "Håkon"), List.of("Ødegård", "Bjørnstad", "Løvås"),
                    List.of("Bjørnstad AS")),
            new Market("PL", "Poland", "PLN", new BigDecimal("4.30"), new BigDecimal("0.23"), "VAT",
                    new BigDecimal("6.90"), "pl-PL", "+48 12 ",
                    List.of(new City("Kraków", null, null, "31-042"), new City("Łódź", null, null, "90-001")),
                    List.of("ul. Floriańska", "ul. Piotrkowska"),
                    List.of("Zoë", "Łucja", "Grzegorz"), List.of("Łukasiewicz", "Wójcik", "Żółkiewski"),
                    List.of("Żółw Sp. z o.o.")),
            new Market("ES", "Spain", "EUR", BigDecimal.ONE, new BigDecimal("0.21"), "IVA",
                    new BigDecimal("5.90"), "es-ES", "+34 91 ",
                    List.of(new City("Madrid", "Madrid", "M", "28013"), new City("Sevilla", "Sevilla", "SE", "41001")),
                    List.of("Calle de Alcalá", "Avenida de la Constitución"),
                    List.of("José", "María José", "Íñigo"), List.of("Núñez", "García López", "Peña"),
                    List.of("Peña y Núñez S.L.")),
            new Market("FR", "France", "EUR", BigDecimal.ONE, new BigDecimal("0.20"), "TVA",
                    new BigDecimal("5.90"), "fr-FR", "+33 1 ",
                    List.of(new City("Paris", null, null, "75011"), new City("Lyon", null, null, "69002")),
                    List.of("Rue de la Roquette", "Quai Saint-Antoine"),
                    List.of("Thị Minh", "François", "Chloé", "Hélène"), List.of("Nguyễn", "Lefèvre", "Dubois-Martin"),
                    List.of("Café Lefèvre SARL")),
            new Market("JP", "Japan", "EUR", BigDecimal.ONE, new BigDecimal("0.10"), "消費税",
                    new BigDecimal("14.90"), "ja-JP", "+81 3-",
                    List.of(new City("渋谷区", "Tokyo", "JP-13", "150-0002"), new City("大阪市", "Osaka", "JP-27", "530-0001")),
                    List.of("道玄坂", "梅田"),
                    List.of("太郎", "花子", "さくら"), List.of("山田", "佐藤", "鈴木"),
                    List.of("山田商事株式会社")),
            new Market("GB", "United Kingdom", "GBP", new BigDecimal("0.85"), new BigDecimal("0.20"), "VAT",
                    new BigDecimal("7.90"), "en-GB", "+44 20 ",
                    List.of(new City("London", "England", "ENG", "SW1A 1AA"), new City("Cardiff", "Wales", "WLS", "CF10 1AA")),
                    List.of("Baker Street", "Queen Street"),
                    List.of("Siobhán", "Oliver", "Emily"), List.of("Ní Bhriain", "O'Brien", "Smith-Jones"),
                    List.of("O'Brien Ltd")),
            new Market("SE", "Sweden", "SEK", new BigDecimal("11.20"), new BigDecimal("0.25"), "Moms",
                    new BigDecimal("6.90"), "sv-SE", "+46 40 ",
                    List.of(new City("Malmö", null, null, "211 22"), new City("Göteborg", null, null, "411 05")),
                    List.of("Södergatan", "Kungsgatan"),
                    List.of("Björn", "Åsa"), List.of("Åkesson", "Öberg"),
                    List.of("Öberg AB")),
            new Market("IS", "Iceland", "EUR", BigDecimal.ONE, new BigDecimal("0.24"), "VSK",
                    new BigDecimal("14.90"), "is-IS", "+354 ",
                    List.of(new City("Reykjavík", null, null, "101")),
                    List.of("Laugavegur", "Skólavörðustígur"),
                    List.of("Ólafur", "Guðrún"), List.of("Þórsson", "Jónsdóttir"),
                    List.of("Þór ehf.")));

    static Market byCountryCode(String code) {
        return ALL.stream().filter(m -> m.countryCode.equals(code)).findFirst().orElse(ALL.get(1));
    }
}
