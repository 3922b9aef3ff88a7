import keras
from keras import layers

keras.utils.set_random_seed(0)

# Two inputs of the same kind, e.g. two items to compare.
left = keras.Input(shape=(3,), name="left")
right = keras.Input(shape=(3,), name="right")

# One layer object called twice: both branches use the same weights.
shared = layers.Dense(
    2, activation="relu", kernel_initializer="he_normal", name="shared"
)
left_features = shared(left)
right_features = shared(right)

# The branches merge again, and one output follows.
merged = layers.Concatenate(name="merge")([left_features, right_features])
score = layers.Dense(
    1, activation="sigmoid", kernel_initializer="he_normal", name="score"
)(merged)

model = keras.Model(inputs=[left, right], outputs=score, name="two_inputs")
model.summary(line_length=80, print_fn=print)
'''
Model: "two_inputs"
┏━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)          ┃ Output Shape      ┃     Param # ┃ Connected to       ┃
┡━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━┩
│ left (InputLayer)     │ (None, 3)         │           0 │ -                  │
├───────────────────────┼───────────────────┼─────────────┼────────────────────┤
│ right (InputLayer)    │ (None, 3)         │           0 │ -                  │
├───────────────────────┼───────────────────┼─────────────┼────────────────────┤
│ shared (Dense)        │ (None, 2)         │           8 │ left[0][0],        │
│                       │                   │             │ right[0][0]        │
├───────────────────────┼───────────────────┼─────────────┼────────────────────┤
│ merge (Concatenate)   │ (None, 4)         │           0 │ shared[0][0],      │
│                       │                   │             │ shared[1][0]       │
├───────────────────────┼───────────────────┼─────────────┼────────────────────┤
│ score (Dense)         │ (None, 1)         │           5 │ merge[0][0]        │
└───────────────────────┴───────────────────┴─────────────┴────────────────────┘
 Total params: 13 (52.00 B)
 Trainable params: 13 (52.00 B)
 Non-trainable params: 0 (0.00 B)
'''

# The shared layer's kernel and bias exist once: 2 + 2 weight tensors in all.
print(len(model.weights))
#> 4
# The config records every tensor a layer was called on as
# [producing layer, which call of it, which output of that call]:
# the layer[i][j] of the Connected to column.
merge = model.get_config()["layers"][3]
tensors = merge["inbound_nodes"][0]["args"][0]
print(merge["name"], [t["config"]["keras_history"] for t in tensors])
#> merge [['shared', 0, 0], ['shared', 1, 0]]
# [i][j] is not an index into model.layers: there, shared is at index 2.
print([layer.name for layer in model.layers])
#> ['left', 'right', 'shared', 'merge', 'score']

# Called on two batches of 4 samples, it returns one score per pair.
print(model([keras.ops.ones((4, 3)), keras.ops.zeros((4, 3))]).shape)
#> (4, 1)
