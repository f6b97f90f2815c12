// The brand the simulation plays: its catalogue, suppliers, wholesale
// accounts and the season's two surprises (a promotion and a supplier that
// turns unreliable). Everything here follows from the seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace backorder::simulate {

struct Supplier {
    std::string name;
    int lead_days;      // what the brand plans with
    double transit_sd;  // day-to-day noise around it
};

struct Sku {
    std::string code;
    std::string description;
    int supplier;
    int lead_days;
    double dtc_rate;        // web-shop units per day, before season trend and weekends
    double wholesale_rate;  // expected wholesale units per day over the season
    bool backorderable;
    std::string allocation_rule;
    int pack;  // purchase orders and wholesale lines come in multiples of it
    bool promoted;
};

struct Retailer {
    std::string name;
    int priority;
    bool ship_complete;
    int cycle_days;  // days between its regular orders
    int first_day;
    double scale;  // its sales of a sku against the web shop's
    std::vector<int> assortment;
};

struct World {
    std::uint64_t seed;
    int days;
    int start;  // the first day, in days since 1970-01-01
    std::vector<Supplier> suppliers;
    std::vector<Sku> skus;
    std::vector<Retailer> retailers;
    // The retailer promotion: days [promo_start, promo_end) with a demand spike.
    int promo_retailer;
    int promo_start;
    int promo_end;
    double promo_lift;  // web-shop demand multiplier for promoted skus
    // From this day on, this supplier delivers late more often than not.
    int unreliable_supplier;
    int unreliable_day;
};

// Build the brand for a seed, a number of skus and a season length.
World build_world(std::uint64_t seed, int skus, int days);

// The web shop's expected units of a sku on a day (trend, weekends, promotion).
double dtc_expected(const World &world, const Sku &sku, int day);

}  // namespace backorder::simulate
