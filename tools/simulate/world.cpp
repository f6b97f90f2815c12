// The brand the simulation plays.
#include "world.hpp"

#include <algorithm>
#include <cmath>

#include "calendar.hpp"
#include "random.hpp"

namespace backorder::simulate {
namespace {

struct Family {
    const char *code;
    const char *name;
    int supplier;
    int pack;
};

// Families of products and who makes them.
const Family families[] = {
    {"TEE", "Organic tee", 0, 12},   {"POLO", "Pique polo", 0, 12},
    {"HOOD", "Hoodie", 1, 6},        {"SWT", "Crew sweatshirt", 1, 6},
    {"JKT", "Rain jacket", 2, 6},    {"DRS", "Linen dress", 2, 6},
    {"SHRT", "Chino shorts", 2, 6},  {"CAP", "Canvas cap", 3, 12},
    {"SOCK", "Merino socks", 3, 24}, {"BAG", "Tote bag", 3, 12},
};
const char *const colours[] = {"BLK", "NVY", "OLV", "SND", "RST", "SKY", "WHT", "ASH"};
const char *const colour_names[] = {"black", "navy", "olive", "sand",
                                    "rust",  "sky",  "white", "ash"};
const char *const sizes[] = {"S", "M", "L", "XL"};

// Streams of random draws, one per kind of decision.
enum Stream : std::uint64_t { CatalogueStream = 1, AccountStream, PromotionStream };

}  // namespace

World build_world(std::uint64_t seed, int sku_count, int days)
{
    World world;
    world.seed = seed;
    world.days = days;
    world.start = days_from_civil(2026, 3, 2);
    world.suppliers = {
        {"Porto Knits", 21, 2.0},
        {"Anatolia Textiles", 28, 3.0},
        {"Lotus Garments", 35, 3.0},
        {"Nordic Trims", 12, 1.5},
    };

    // The catalogue: every family in every colour and size, shuffled, cut to size.
    Random pick = Random::keyed(seed, CatalogueStream);
    struct Variant {
        int family, colour, size;
    };
    std::vector<Variant> variants;
    for (int f = 0; f < 10; ++f)
        for (int c = 0; c < 8; ++c)
            for (int s = 0; s < 4; ++s) variants.push_back({f, c, s});
    pick.shuffle(variants);
    for (int i = 0; i < sku_count; ++i) {
        const Variant &v = variants[static_cast<std::size_t>(i) % variants.size()];
        const Family &family = families[v.family];
        Sku sku;
        sku.code = std::string(family.code) + "-" + colours[v.colour] + "-" + sizes[v.size];
        if (i >= static_cast<int>(variants.size())) {
            sku.code += "-" + std::to_string(i / static_cast<int>(variants.size()) + 1);
        }
        sku.description =
            std::string(family.name) + ", " + colour_names[v.colour] + ", " + sizes[v.size];
        sku.supplier = family.supplier;
        const Supplier &supplier = world.suppliers[static_cast<std::size_t>(family.supplier)];
        sku.lead_days = std::max(5, supplier.lead_days + pick.range(-3, 3));
        // A few fast movers, many slow ones; M and L sell best.
        double level = pick.uniform();
        double rate = level < 0.2   ? pick.uniform(2.0, 6.0)
                      : level < 0.5 ? pick.uniform(0.5, 2.0)
                                    : pick.uniform(0.05, 0.5);
        sku.dtc_rate = rate * (v.size == 1 || v.size == 2 ? 1.2 : 0.8);
        sku.wholesale_rate = 0;
        sku.backorderable = !pick.chance(0.08);
        double rule = pick.uniform();
        sku.allocation_rule = rule < 0.6 ? "window" : rule < 0.85 ? "due_date" : "fifo";
        sku.pack = family.pack;
        sku.promoted = false;
        world.skus.push_back(sku);
    }

    // Wholesale accounts: each carries part of the catalogue, biased to fast movers.
    Random accounts = Random::keyed(seed, AccountStream);
    struct Account {
        const char *name;
        int priority;
        bool ship_complete;
        int cycle_days;
        double scale;
    };
    const Account account_list[] = {
        {"Galeries Nord", 10, true, 14, 0.9}, {"Bluebird Stores", 20, false, 10, 0.7},
        {"Hartmann Mode", 30, true, 21, 0.8}, {"Maple Outfitters", 40, false, 14, 0.5},
        {"Kasai Select", 30, false, 28, 0.6}, {"Harbour Lane", 50, false, 7, 0.25},
    };
    for (const Account &a : account_list) {
        Retailer r;
        r.name = a.name;
        r.priority = a.priority;
        r.ship_complete = a.ship_complete;
        r.cycle_days = a.cycle_days;
        r.first_day = accounts.range(0, a.cycle_days - 1);
        r.scale = a.scale;
        for (int i = 0; i < sku_count; ++i) {
            double appeal =
                std::min(1.0, 0.15 + world.skus[static_cast<std::size_t>(i)].dtc_rate / 3);
            if (accounts.chance(appeal * 0.6)) r.assortment.push_back(i);
        }
        world.retailers.push_back(r);
    }
    // What each sku can expect from wholesale: about 55% of an assortment is
    // on each order, for cycle_days of sales at the account's scale.
    for (const Retailer &r : world.retailers) {
        for (int i : r.assortment) {
            Sku &sku = world.skus[static_cast<std::size_t>(i)];
            sku.wholesale_rate += 0.55 * r.scale * sku.dtc_rate;
        }
    }

    // Bluebird Stores promotes its best sellers for two weeks a third into the season.
    Random promotion = Random::keyed(seed, PromotionStream);
    world.promo_retailer = 1;
    world.promo_start = std::max(1, static_cast<int>(std::lround(days * 0.3)));
    world.promo_end = std::min(days, world.promo_start + std::max(5, days / 7));
    world.promo_lift = 2.5;
    std::vector<int> candidates = world.retailers[1].assortment;
    std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
        return world.skus[static_cast<std::size_t>(a)].dtc_rate >
               world.skus[static_cast<std::size_t>(b)].dtc_rate;
    });
    std::size_t promoted = std::max<std::size_t>(3, static_cast<std::size_t>(sku_count) / 12);
    candidates.resize(std::min(candidates.size(), promoted * 2));
    promotion.shuffle(candidates);
    candidates.resize(std::min(candidates.size(), promoted));
    for (int i : candidates) world.skus[static_cast<std::size_t>(i)].promoted = true;

    // Lotus Garments turns unreliable just before mid-season.
    world.unreliable_supplier = 2;
    world.unreliable_day = static_cast<int>(std::lround(days * 0.45));
    return world;
}

double dtc_expected(const World &world, const Sku &sku, int day)
{
    // Spring: demand grows through the season; weekends sell more online.
    double trend = 0.85 + 0.3 * day / std::max(1, world.days - 1);
    int wd = weekday(world.start + day);
    double weekend = wd >= 5 ? 1.3 : 0.9;
    double promo =
        sku.promoted && day >= world.promo_start && day < world.promo_end ? world.promo_lift : 1.0;
    return sku.dtc_rate * trend * weekend * promo;
}

}  // namespace backorder::simulate
