// A throwaway PostgreSQL cluster: its own data directory and socket, no TCP,
// removed when the simulation is done unless it is to be kept.
//
// initdb and postgres refuse to run as root; as root they run as the
// postgres user.
#pragma once

#include <string>
#include <vector>

namespace backorder::simulate {

class Cluster {
public:
    // Find the server programs: bindir if given, else PG_BINDIR, else pg_config --bindir.
    explicit Cluster(std::string bindir = "");
    ~Cluster();
    Cluster(const Cluster &) = delete;
    Cluster &operator=(const Cluster &) = delete;

    // initdb in a new directory under /tmp and start the server.
    void start();
    // Stop the server and remove its directory (unless kept).
    void stop();
    void keep() { keep_ = true; }

    const std::string &dir() const { return dir_; }
    int port() const { return port_; }
    std::string conninfo() const;
    // Commands a person can paste to reach and then stop a kept cluster.
    std::string psql_command() const;
    std::string stop_command() const;

private:
    void run(const std::string &what, const std::vector<std::string> &argv,
             const std::string &log) const;

    std::string bindir_;
    std::string dir_;
    int port_ = 5432;
    bool running_ = false;
    bool keep_ = false;
};

}  // namespace backorder::simulate
