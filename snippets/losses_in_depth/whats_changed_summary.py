import keras
from keras.layers import Dense

keras.utils.set_random_seed(0)

# The article's functional model, as written there
# (its first layer has 2 units).
inputs = keras.Input(shape=(3,), name="my_input")
layer1 = Dense(
    2, activation="relu", kernel_initializer="he_normal", name="layer1"
)(inputs)
layer2 = Dense(
    2, activation="relu", kernel_initializer="he_normal", name="layer2"
)(layer1)
outputs = Dense(
    2, activation="sigmoid", kernel_initializer="he_normal", name="layer3"
)(layer2)
model = keras.Model(inputs=inputs, outputs=outputs, name="my_model")

# print_fn=print sends the table through print(); line_length keeps it narrow.
model.summary(line_length=80, print_fn=print)
'''
Model: "my_model"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ my_input (InputLayer)             │ (None, 3)                │             0 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer1 (Dense)                    │ (None, 2)                │             8 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer2 (Dense)                    │ (None, 2)                │             6 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer3 (Dense)                    │ (None, 2)                │             6 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 20 (80.00 B)
 Trainable params: 20 (80.00 B)
 Non-trainable params: 0 (0.00 B)
'''
