import threading

from tasks.celery_app import celery_app


def test_tasks_resolve_to_our_app_in_any_thread():
    from tasks import rendering

    seen = []
    thread = threading.Thread(target=lambda: seen.append(rendering.render_report.app))
    thread.start()
    thread.join()
    assert seen == [celery_app]
