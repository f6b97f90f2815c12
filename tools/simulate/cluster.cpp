// A throwaway PostgreSQL cluster.
#include "cluster.hpp"

#include <pwd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace backorder::simulate {
namespace {

// The first line a command prints, or "" when it cannot run.
std::string first_line_of(const char *command)
{
    std::unique_ptr<FILE, int (*)(FILE *)> pipe(popen(command, "r"), pclose);
    if (!pipe) return "";
    std::array<char, 4096> buffer{};
    if (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) == nullptr) return "";
    std::string line = buffer.data();
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    return line;
}

bool is_root() { return geteuid() == 0; }

std::string tail_of(const std::string &path)
{
    std::ifstream file(path);
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace

Cluster::Cluster(std::string bindir) : bindir_(std::move(bindir))
{
    if (bindir_.empty()) {
        const char *env = std::getenv("PG_BINDIR");
        if (env != nullptr && *env != '\0') bindir_ = env;
    }
    if (bindir_.empty()) bindir_ = first_line_of("pg_config --bindir 2>/dev/null");
    if (bindir_.empty() || !std::filesystem::exists(bindir_ + "/initdb")) {
        throw std::runtime_error(
            "could not find the PostgreSQL server programs (initdb, pg_ctl)\n"
            "  Install the server (apt-get install postgresql-15), put its pg_config on PATH,\n"
            "  set PG_BINDIR, or use --connect with an existing server.");
    }
}

Cluster::~Cluster()
{
    try {
        stop();
    } catch (...) {
        // A destructor must not throw; stop() already reported what it could.
    }
}

// Run a server program, as the postgres user when root, its output into log.
void Cluster::run(const std::string &what, const std::vector<std::string> &argv,
                  const std::string &log) const
{
    struct passwd *server_user = nullptr;
    if (is_root()) {
        server_user = getpwnam("postgres");
        if (server_user == nullptr) {
            throw std::runtime_error("running as root, but there is no postgres user to run " +
                                     what + " as");
        }
    }
    pid_t child = fork();
    if (child < 0) throw std::runtime_error("could not start " + what);
    if (child == 0) {
        int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            if (server_user != nullptr &&
                fchown(fd, server_user->pw_uid, server_user->pw_gid) != 0) {
                _exit(126);
            }
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        int null_in = open("/dev/null", O_RDONLY);
        if (null_in >= 0) dup2(null_in, STDIN_FILENO);
        if (server_user != nullptr) {
            if (setgid(server_user->pw_gid) != 0 || setuid(server_user->pw_uid) != 0) _exit(126);
            setenv("HOME", server_user->pw_dir, 1);
        }
        std::vector<char *> args;
        for (const std::string &a : argv) args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error(what + " failed; its log " + log + " ends with:\n" + tail_of(log));
    }
}

void Cluster::start()
{
    char pattern[] = "/tmp/pg_backorder-sim.XXXXXX";
    if (mkdtemp(pattern) == nullptr)
        throw std::runtime_error("could not create a directory in /tmp");
    dir_ = pattern;
    if (is_root()) {
        struct passwd *server_user = getpwnam("postgres");
        if (server_user == nullptr ||
            chown(dir_.c_str(), server_user->pw_uid, server_user->pw_gid) != 0) {
            throw std::runtime_error("could not hand " + dir_ + " to the postgres user");
        }
    }
    run("initdb",
        {bindir_ + "/initdb", "-D", dir_ + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8",
         "--locale=C.UTF-8"},
        dir_ + "/initdb.log");
    // The socket lives in our own directory and TCP is off, so any port number will do.
    std::ostringstream options;
    options << "-c listen_addresses='' -k " << dir_ << " -p " << port_
            << " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
               " -c max_connections=20 -c shared_buffers=128MB";
    run("pg_ctl start",
        {bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/server.log", "-w", "-o",
         options.str(), "start"},
        dir_ + "/pg_ctl.log");
    running_ = true;
}

void Cluster::stop()
{
    if (dir_.empty() || keep_) return;
    if (running_) {
        running_ = false;
        run("pg_ctl stop", {bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "fast", "-w", "stop"},
            dir_ + "/pg_ctl.log");
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    dir_.clear();
}

std::string Cluster::conninfo() const
{
    return "host=" + dir_ + " port=" + std::to_string(port_) +
           " user=postgres dbname=postgres application_name=backorder-simulate";
}

std::string Cluster::psql_command() const
{
    return "psql -h " + dir_ + " -p " + std::to_string(port_) + " -U postgres";
}

std::string Cluster::stop_command() const
{
    std::string stop = bindir_ + "/pg_ctl -D " + dir_ + "/data stop";
    return (is_root() ? "runuser -u postgres -- " : "") + stop + " && rm -rf " + dir_;
}

}  // namespace backorder::simulate
