import socket

from .test_settings import run_carnet


def test_demo_load_only_prints_the_logins_and_loads_twice_without_duplicates(tmp_path):
    env = {"CARNET_DEBUG": "1", "CARNET_VAR_DIR": str(tmp_path)}
    code, out, err = run_carnet("demo", "--load-only", **env)
    assert code == 0, err
    assert "Logins (password for all: carnet-demo):" in out
    for login in ["claire", "farid", "ana", "bora", "vera", "yann"]:
        assert f"  {login} " in out
    code, out_again, err = run_carnet("demo", "--load-only", **env)
    assert code == 0, err
    code, counts, err = run_carnet(
        "shell",
        "-c",
        "from carnet.networks.models import *; from carnet.accounts.models import User;"
        "print(Network.objects.count(), Organisation.objects.count(),"
        " Membership.objects.count(), MembershipReason.objects.count(), User.objects.count())",
        **env,
    )
    assert counts.strip().splitlines()[-1].split() == [
        "2",
        "17",
        "17",
        "16",
        "7",
    ]  # euromed and youth


def test_demo_refuses_a_port_in_use_with_one_line(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        code, out, err = run_carnet(
            "demo", "--port", str(port), CARNET_DEBUG="1", CARNET_VAR_DIR=str(tmp_path)
        )
    assert code == 1
    assert err.strip().splitlines() == [
        f"CommandError: cannot listen on 127.0.0.1:{port} (Address already in use); "
        "choose another --port"
    ]


def test_serve_refuses_a_port_in_use_with_one_line(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        code, out, err = run_carnet(
            "serve", "--port", str(port), CARNET_SECRET_KEY="k" * 50, CARNET_VAR_DIR=str(tmp_path)
        )
    assert code == 2
    assert err == (
        f"carnet: cannot listen on 127.0.0.1:{port} (Address already in use); "
        "choose another --port\n"
    )


def test_django_commands_run_through_carnet(tmp_path):
    code, out, err = run_carnet("check", CARNET_DEBUG="1", CARNET_VAR_DIR=str(tmp_path))
    assert code == 0, err
    assert "System check identified no issues" in out
