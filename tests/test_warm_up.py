"""The warm-up finds the server from the options ``streamlit run`` was given, and says when none answers."""

from dashboard.ui.warm_up import base_url, main


def test_the_server_address_comes_from_the_streamlit_options():
    assert base_url([]) == "http://127.0.0.1:8501"
    assert base_url(["--server.port", "8600", "--server.address=0.0.0.0"]) == "http://127.0.0.1:8600"
    assert base_url(["--server.port=9000", "--server.baseUrlPath", "/lens/", "--theme.base", "dark"]) == "http://127.0.0.1:9000/lens"
    assert base_url(["--server.address", "10.0.0.5", "--server.baseUrlPath="]) == "http://10.0.0.5:8501"


def test_no_server_is_a_one_line_message_and_exit_1(monkeypatch, capsys):
    monkeypatch.setattr("dashboard.ui.warm_up.wait_until_up", lambda url: False)
    assert main(["--server.port", "1"]) == 1
    assert capsys.readouterr().err == "warm-up: no server answered at http://127.0.0.1:1\n"
