from graphtool.graphs import build_collaboration_graph
from graphtool.ingest import read_dataset
from tests.plugins.datasets import write_dataset


def test_collaboration_weights_count_shared_actions(tmp_path):
    folder = write_dataset(
        tmp_path,
        {
            "organisations": "id,name,type\na,A,welfare\nb,B,care\nc,C,business\n",
            "joint_actions": "id,name\nj1,One\nj2,Two\n",
            "participations": (
                "action_id,organisation_id,role\n"
                "j1,a,lead\nj1,b,\nj2,a,\nj2,b,\nj2,c,\nj2,c,funder\n"
            ),
        },
    )
    graph = build_collaboration_graph(read_dataset(folder))
    edges = graph.edges().to_dict("records")
    assert edges == [
        {"source": "a", "target": "b", "weight": 2},
        {"source": "a", "target": "c", "weight": 1},
        {"source": "b", "target": "c", "weight": 1},
    ]
