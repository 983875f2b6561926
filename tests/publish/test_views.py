from django.urls import reverse


def test_home_explains_docket_and_offers_staff_sign_in(client):
    response = client.get(reverse("publish:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Docket</h1>" in html
    assert f'href="{reverse("login")}"' in html


def test_home_greets_a_signed_in_user_by_name(client, django_user_model):
    user = django_user_model.objects.create_user(username="amina", password="x" * 16)
    client.force_login(user)
    html = client.get(reverse("publish:home")).content.decode()
    assert "signed in as amina" in html
    assert "Sign out" in html
