// The driver's record of operations, in memory and in a line-per-operation file.
//
// File format, one operation a line, fields separated by spaces:
//   A|R|D run client seq kind nrows [id sku qty ref]...
// A acknowledged, R rolled back, D in doubt. Skus never contain spaces.
#include "load/oplog.hpp"

#include <sstream>
#include <stdexcept>

namespace backorder::load {

namespace {

const char *const kKindNames[kOpKinds] = {"enter",  "receive",    "ship",       "cancel",
                                          "adjust", "add_supply", "move_supply"};

char outcome_letter(Outcome outcome)
{
    switch (outcome) {
        case Outcome::Acknowledged:
            return 'A';
        case Outcome::RolledBack:
            return 'R';
        case Outcome::InDoubt:
            return 'D';
    }
    return '?';
}

}  // namespace

const char *kind_name(OpKind kind) { return kKindNames[static_cast<int>(kind)]; }

OpKind kind_from_name(const std::string &name)
{
    for (int i = 0; i < kOpKinds; ++i) {
        if (name == kKindNames[i]) return static_cast<OpKind>(i);
    }
    throw std::invalid_argument("unknown operation kind \"" + name + "\"");
}

std::string OpId::tag() const
{
    return "load:" + std::to_string(run) + ":" + std::to_string(client) + ":" + std::to_string(seq);
}

void OpLog::open(const std::string &path)
{
    std::lock_guard<std::mutex> lock(mutex_);
    file_.open(path, std::ios::out | std::ios::trunc);
    if (!file_) throw std::runtime_error("could not open log file \"" + path + "\"");
}

void OpLog::record(const OpRecord &op)
{
    std::lock_guard<std::mutex> lock(mutex_);
    records_.push_back(op);
    if (!file_.is_open()) return;
    file_ << outcome_letter(op.outcome) << ' ' << op.id.run << ' ' << op.id.client << ' '
          << op.id.seq << ' ' << kind_name(op.kind) << ' ' << op.rows.size();
    for (const OpRow &row : op.rows) {
        file_ << ' ' << row.id << ' ' << row.sku << ' ' << row.qty << ' ' << row.ref;
    }
    file_ << '\n';
    file_.flush();
}

std::vector<OpRecord> OpLog::read(const std::string &path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error("could not read log file \"" + path + "\"");
    std::vector<OpRecord> records;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        std::istringstream fields(line);
        std::string letter, kind;
        std::size_t count = 0;
        OpRecord op;
        fields >> letter >> op.id.run >> op.id.client >> op.id.seq >> kind >> count;
        if (!fields || letter.size() != 1) {
            // A line cut short by a crash of the driver itself ends the log.
            if (in.peek() == EOF) break;
            throw std::runtime_error("malformed line " + std::to_string(number) + " in \"" + path +
                                     "\"");
        }
        op.kind = kind_from_name(kind);
        op.outcome = letter == "A"   ? Outcome::Acknowledged
                     : letter == "R" ? Outcome::RolledBack
                                     : Outcome::InDoubt;
        for (std::size_t i = 0; i < count; ++i) {
            OpRow row;
            fields >> row.id >> row.sku >> row.qty >> row.ref;
            op.rows.push_back(row);
        }
        if (!fields) {
            if (in.peek() == EOF) break;
            throw std::runtime_error("malformed line " + std::to_string(number) + " in \"" + path +
                                     "\"");
        }
        records.push_back(std::move(op));
    }
    return records;
}

std::vector<OpRecord> OpLog::records() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return records_;
}

}  // namespace backorder::load
