import keras
from keras import layers

keras.utils.set_random_seed(0)

# The same small network, functional and subclassed.
inputs = keras.Input(shape=(3,), name="features")
x = layers.Dense(
    3, activation="relu", kernel_initializer="he_normal", name="layer1"
)(inputs)
x = layers.Dense(
    2, activation="relu", kernel_initializer="he_normal", name="layer2"
)(x)
outputs = layers.Dense(
    2, activation="sigmoid", kernel_initializer="he_normal", name="layer3"
)(x)
functional = keras.Model(inputs=inputs, outputs=outputs, name="my_functional")


class MyModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layer1 = layers.Dense(
            3, activation="relu", kernel_initializer="he_normal", name="layer1"
        )
        self.layer2 = layers.Dense(
            2, activation="relu", kernel_initializer="he_normal", name="layer2"
        )
        self.layer3 = layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        )

    def call(self, inputs):
        return self.layer3(self.layer2(self.layer1(inputs)))


subclassed = MyModel(name="my_subclassed")
subclassed(keras.Input(shape=(3,)))

# A functional model's config describes the whole graph...
config = functional.get_config()
print(sorted(config))
#> ['input_layers', 'layers', 'name', 'output_layers', 'trainable']
print([layer["name"] for layer in config["layers"]])
#> ['features', 'layer1', 'layer2', 'layer3']
# ...so Keras can rebuild the model from it.
rebuilt = keras.Model.from_config(config)
print(type(rebuilt).__name__, rebuilt.count_params())
#> Functional 26

# A Sequential model's config lists its layers as well.
sequential = keras.Sequential(
    [keras.Input(shape=(3,)), layers.Dense(3), layers.Dense(2), layers.Dense(2)]
)
print([layer["class_name"] for layer in sequential.get_config()["layers"]])
#> ['InputLayer', 'Dense', 'Dense', 'Dense']

# Any intermediate tensor can become the output of a new model.
layer1_output = functional.get_layer("layer1").output
extractor = keras.Model(functional.inputs, layer1_output)
print(extractor(keras.ops.ones((1, 3))).shape)
#> (1, 3)

# A subclassed model's config holds no layers: the graph lives in call().
print(sorted(subclassed.get_config()))
#> ['dtype', 'name', 'trainable']
# Even called on a keras.Input, it keeps no record of its layers' calls.
try:
    subclassed.get_layer("layer1").output
except AttributeError as error:
    print(type(error).__name__)
    #> AttributeError
    print(str(error).strip())
    #> The layer layer1 has never been called and thus has no defined output.
